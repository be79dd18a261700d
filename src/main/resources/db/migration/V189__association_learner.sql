-- Issue 13 (q2): the partner portal's list of all an association's learners shows how many there are. That count read
-- every entry of every centre of the association in enrollment_center_learner_idx (one per enrollment: a learner once
-- per school year and centre) and de-duplicated them in a hash: 3,942 entries for 2,318 learners in a middle-sized
-- association of the bench data, about 1 ms of PostgreSQL on each page, the most of any statement of that list.
-- association_learner holds each learner an association sees once, with how many reasons it has to (refs: its
-- enrollments in the association's centres, plus one if the association registered the learner), the learner not
-- anonymised: the count reads one small index entry per learner. R__association_learner.sql keeps it equal to its
-- source, whoever writes (GraphQL, the import, transfers, retention, the demo generator).
CREATE TABLE association_learner (
    association_id uuid NOT NULL,
    learner_id uuid NOT NULL,
    refs integer NOT NULL CHECK (refs > 0),
    PRIMARY KEY (association_id, learner_id)
);

INSERT INTO association_learner (association_id, learner_id, refs)
SELECT k.association_id, k.learner_id, count(*)
  FROM (SELECT c.association_id, e.learner_id FROM enrollment e JOIN center c ON c.id = e.center_id
         WHERE e.learner_sort_key IS NOT NULL
        UNION ALL
        SELECT l.registered_by_association_id, l.id FROM learner l
         WHERE l.registered_by_association_id IS NOT NULL AND l.anonymised_at IS NULL) k
 GROUP BY 1, 2;
