-- Issue 13 (q2a): the learners of one centre, by name, a page at a time. Read through the learners, every page probed
-- each learner enrolled in the centre to sort them by name (2,300 probes a page in a large centre, count included).
-- Each enrollment now carries the name order of its learner (learner_sort_key: coalesce(name_key, ''), NULL once the
-- learner is anonymised), and a centre's enrollments are indexed in that order with their status: a page of a centre's
-- learners is read from the index in order, its count from the same entries, and a centre's open enrollments
-- (capacity) are counted from it too, which is what enrollment_center_idx (center_id, status) served: it goes, so that
-- an enrollment still updates as many indexes as before (the bulk import writes 50,000 in seconds). The learner id
-- comes after the key on purpose: indexed right after the centre, it made PostgreSQL check "is this learner enrolled in
-- one of the association's centres" (ScopeSql.learner) with one probe per centre of the association (100 for each
-- learner of a 100-centre association: a 1,000,000-row re-send took 114 s instead of 26) rather than through the
-- learner's own enrollments. R__learner_sort_key.sql keeps the key equal to the learner's, whoever writes.
ALTER TABLE enrollment ADD COLUMN learner_sort_key varchar(300);
UPDATE enrollment e SET learner_sort_key = coalesce(l.name_key, '') FROM learner l
 WHERE l.id = e.learner_id AND l.anonymised_at IS NULL;
CREATE INDEX enrollment_center_learner_idx ON enrollment (center_id, learner_sort_key, learner_id) INCLUDE (status);
DROP INDEX enrollment_center_idx;
