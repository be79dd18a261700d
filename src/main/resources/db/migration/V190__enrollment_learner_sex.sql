-- Issue 13 (bench/explain.sh): a list of learners filtered by academy (or centre) and sex was counted through the
-- learners: a hash semi-join of the academy's enrollments (34,267 for a large one) against every learner, read
-- sequentially (120 ms at 100,000 learners); and MINISTRY's disclosure tally of that list (how many learners meet
-- each combination of its constraints) read every learner too. Each enrollment now carries its learner's sex beside
-- its name order (learner_sex, kept by R__learner_sort_key.sql), included in the centre index: the learners of a centre
-- or an academy, by sex, are counted from the index alone. The learners' own count by sex (the tally's learners who meet
-- none of the membership constraints) is read from learner_retention_idx, which now includes the sex: still one index
-- for the import to update.
ALTER TABLE enrollment ADD COLUMN learner_sex varchar(6);
UPDATE enrollment e SET learner_sex = l.sex FROM learner l WHERE l.id = e.learner_id;
DROP INDEX enrollment_center_learner_idx;
CREATE INDEX enrollment_center_learner_idx ON enrollment (center_id, learner_sort_key, learner_id) INCLUDE (status, learner_sex);
DROP INDEX learner_retention_idx;
CREATE INDEX learner_retention_idx ON learner (updated_at) INCLUDE (sex) WHERE anonymised_at IS NULL;
