-- Issue 13 (q2a): the learners of one centre, by name, a page at a time. Read through the learners, every page probed
-- each learner enrolled in the centre to sort them by name (2,300 probes a page in a large centre, count included).
-- Each enrollment now carries the name order of its learner (learner_sort_key: coalesce(name_key, ''), NULL once the
-- learner is anonymised), and a centre's enrollments are indexed by learner with that key and their status: a centre's
-- learners are sorted and counted from the index alone (a few thousand entries at most), and its open enrollments
-- (capacity) counted from it too, which is what enrollment_center_idx (center_id, status) served: it goes, so that an
-- enrollment still updates as many indexes as before (the bulk import writes 50,000 in seconds). New learners' ids grow
-- with time, so an import adds to the end of each centre's range. R__learner_sort_key.sql keeps the key equal to the
-- learner's, whoever writes.
ALTER TABLE enrollment ADD COLUMN learner_sort_key varchar(300);
UPDATE enrollment e SET learner_sort_key = coalesce(l.name_key, '') FROM learner l
 WHERE l.id = e.learner_id AND l.anonymised_at IS NULL;
CREATE INDEX enrollment_center_learner_idx ON enrollment (center_id, learner_id) INCLUDE (status, learner_sort_key);
DROP INDEX enrollment_center_idx;
