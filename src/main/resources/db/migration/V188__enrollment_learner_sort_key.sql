-- Issue 13 (q2a): the learners of one centre, by name, a page at a time. Read through the learners, every page probed
-- each learner enrolled in the centre to sort them by name (2,300 probes a page in a large centre, count included).
-- Each enrollment now carries the name order of its learner (learner_sort_key: coalesce(name_key, ''), NULL once the
-- learner is anonymised), so that a centre's learners come in name order straight from this index, and its count
-- from the same entries. R__learner_sort_key.sql keeps it equal to the learner's, whoever writes.
ALTER TABLE enrollment ADD COLUMN learner_sort_key varchar(300);
UPDATE enrollment e SET learner_sort_key = coalesce(l.name_key, '') FROM learner l
 WHERE l.id = e.learner_id AND l.anonymised_at IS NULL;
CREATE INDEX enrollment_center_learner_sort_idx ON enrollment (center_id, learner_sort_key, learner_id)
    WHERE learner_sort_key IS NOT NULL;
