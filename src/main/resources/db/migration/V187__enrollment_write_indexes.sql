-- Issue 18: every enrollment an import writes updates each of the table's indexes. Two of them cost more than they
-- serve: a school year keeps a third or more of all enrollments (a filter on it alone reads the table, and within a
-- centre enrollment_center_list_idx comes first), and transfers are a small minority, while the index on
-- transferred_from_id held an entry for every enrollment (NULL for the others). The foreign key's look-ups
-- (transferred_from_id = an enrollment's id) use the partial index.
DROP INDEX enrollment_school_year_idx;
DROP INDEX enrollment_transferred_from_idx;
CREATE INDEX enrollment_transferred_from_idx ON enrollment (transferred_from_id) WHERE transferred_from_id IS NOT NULL;
-- Duplicate suspicion reads learner_duplicate_idx without the table only on pages marked all-visible: on the rows of an
-- import not yet vacuumed it read the table for every learner of the same birth date and length (at 1,000,000 rows,
-- 63 to 86 ms per chunk instead of 18). The table is vacuumed after every 20,000 new rows (5 % of it before, V185), without
-- the cost-based pauses: such a vacuum only visits the new pages.
ALTER TABLE learner SET (autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 20000,
    autovacuum_vacuum_cost_delay = 0);
