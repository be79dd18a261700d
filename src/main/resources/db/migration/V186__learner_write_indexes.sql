-- Issue 18: every learner an import writes updates each of the table's indexes (at 50,000 learners in one statement:
-- 1.2 s with all of them, 0.7 s without these two). Neither serves a query: learner_name_key_idx (name, birth date)
-- was for duplicate suspicion, which now reads learner_duplicate_idx (birth date, name length, name; V185), and the
-- learners list orders by learner_list_order_idx; a filter on sex alone keeps half of the learners, which the planner
-- reads from the table rather than through learner_sex_idx.
DROP INDEX learner_name_key_idx;
DROP INDEX learner_sex_idx;
