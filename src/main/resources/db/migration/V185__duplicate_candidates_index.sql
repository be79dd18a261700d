-- Issue 18: duplicate suspicion compares a new learner with the learners born the same day. An import of 1,000,000
-- rows spent 552 s of 847 in that look-up: every learner born that day was read from the table and both spellings
-- compared with it, 0.42 ms per row at 1,000,000 learners. The candidates are now found by an index-only scan: the
-- birth date, then the length of the normalised name (a name within 2 edits is within 2 characters of length), with
-- the name itself included for levenshtein_less_equal (0.09 ms per row); Arabic names (normalised by the service) by
-- their own partial index. The plain birth-date index is replaced: its look-ups (a learner's duplicate candidates
-- through the API) all skip anonymised learners.
CREATE INDEX learner_duplicate_idx ON learner (birth_date, (length(coalesce(name_key, '')))) INCLUDE (name_key, id)
    WHERE anonymised_at IS NULL;
CREATE INDEX learner_duplicate_arabic_idx ON learner (birth_date) INCLUDE (name_key, first_name_ar, last_name_ar, id)
    WHERE anonymised_at IS NULL AND (first_name_ar IS NOT NULL OR last_name_ar IS NOT NULL);
DROP INDEX learner_birth_date_idx;
-- An import adds learners by the hundred thousand: an index-only scan reads the table for every page not yet marked
-- all-visible, so the table is vacuumed after 5 % of new rows instead of 20 %.
ALTER TABLE learner SET (autovacuum_vacuum_insert_scale_factor = 0.05);
