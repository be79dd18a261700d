-- association_learner (V189): each learner an association sees, once, with how many reasons it has to (refs): its
-- enrollments in the association's centres (learner not anonymised: enrollment.learner_sort_key IS NOT NULL, kept by
-- R__learner_sort_key.sql) plus one if the association registered the learner and it is not anonymised. The single
-- place that keeps it so, whoever writes (GraphQL, the import, transfers, retention, the demo generator);
-- LearnerRepository counts an association's learners from it. Every trigger is statement-level with transition tables:
-- the changed rows become one (association, learner, +/- n) delta per key, applied in key order (rows locked in the same
-- order by every writer). AssociationLearnerTest compares the table with its source after each kind of change.
-- (Repeatable migration: Flyway re-applies it whenever this file changes.)

CREATE OR REPLACE VIEW association_learner_source AS
SELECT c.association_id, e.learner_id FROM enrollment e JOIN center c ON c.id = e.center_id
 WHERE e.learner_sort_key IS NOT NULL
UNION ALL
SELECT l.registered_by_association_id, l.id FROM learner l
 WHERE l.registered_by_association_id IS NOT NULL AND l.anonymised_at IS NULL;

-- Adds the deltas (one row per reason gained, +1, or lost, -1; summed per key) to the table: keys that gain are
-- inserted or incremented, keys that lose are decremented, and removed at zero; rows are locked in key order.
-- Planned with sequential scans, hash and merge joins off (as R__statistics.sql's functions that follow changed rows):
-- PL/pgSQL keeps a plan for the life of the connection, and one made while the table was small would go on scanning
-- it whole for every change; each key is reached through the primary key instead. (The trigger functions below join
-- their transition tables, which have no index, with each other: they keep hash joins.)
CREATE OR REPLACE FUNCTION association_learner_apply(assocs uuid[], learners uuid[], deltas integer[]) RETURNS void
LANGUAGE plpgsql SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
    gain_a uuid[]; gain_l uuid[]; gain_n integer[];
    loss_a uuid[]; loss_l uuid[]; loss_n integer[];
BEGIN
    IF assocs IS NULL THEN
        RETURN;
    END IF;
    SELECT array_agg(k.a ORDER BY k.a, k.l) FILTER (WHERE k.n > 0), array_agg(k.l ORDER BY k.a, k.l) FILTER (WHERE k.n > 0),
           array_agg(k.n ORDER BY k.a, k.l) FILTER (WHERE k.n > 0),
           array_agg(k.a ORDER BY k.a, k.l) FILTER (WHERE k.n < 0), array_agg(k.l ORDER BY k.a, k.l) FILTER (WHERE k.n < 0),
           array_agg(k.n ORDER BY k.a, k.l) FILTER (WHERE k.n < 0)
      INTO gain_a, gain_l, gain_n, loss_a, loss_l, loss_n
      FROM (SELECT d.a, d.l, sum(d.n)::integer AS n FROM unnest(assocs, learners, deltas) AS d(a, l, n)
             WHERE d.a IS NOT NULL AND d.l IS NOT NULL GROUP BY 1, 2) k
     WHERE k.n <> 0;
    IF gain_a IS NOT NULL THEN
        INSERT INTO association_learner AS t (association_id, learner_id, refs)
        SELECT d.a, d.l, d.n FROM unnest(gain_a, gain_l, gain_n) WITH ORDINALITY AS d(a, l, n, i) ORDER BY d.i
            ON CONFLICT (association_id, learner_id) DO UPDATE SET refs = t.refs + excluded.refs;
    END IF;
    IF loss_a IS NOT NULL THEN
        PERFORM 1 FROM association_learner t JOIN unnest(loss_a, loss_l) AS d(a, l) ON t.association_id = d.a AND t.learner_id = d.l
         ORDER BY t.association_id, t.learner_id FOR UPDATE OF t;
        DELETE FROM association_learner t USING unnest(loss_a, loss_l, loss_n) AS d(a, l, n)
         WHERE t.association_id = d.a AND t.learner_id = d.l AND t.refs + d.n <= 0;
        UPDATE association_learner t SET refs = t.refs + d.n FROM unnest(loss_a, loss_l, loss_n) AS d(a, l, n)
         WHERE t.association_id = d.a AND t.learner_id = d.l;
    END IF;
END
$$;

-- Enrollments: a reason for their centre's association while their learner is not anonymised.
CREATE OR REPLACE FUNCTION association_learner_enrollments_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM association_learner_apply(array_agg(c.association_id), array_agg(n.learner_id), array_agg(1))
       FROM new_enrollments n JOIN center c ON c.id = n.center_id WHERE n.learner_sort_key IS NOT NULL;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION association_learner_enrollments_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Each enrollment whose centre, learner or anonymity changed loses its old reason and gains its new one.
    PERFORM association_learner_apply(array_agg(c.association_id), array_agg(v.learner_id), array_agg(v.n))
       FROM old_enrollments o JOIN new_enrollments n ON n.id = o.id
            CROSS JOIN LATERAL (VALUES (o.center_id, o.learner_id, o.learner_sort_key, -1),
                                       (n.center_id, n.learner_id, n.learner_sort_key, 1)) AS v(center_id, learner_id, sort_key, n)
            JOIN center c ON c.id = v.center_id
      WHERE v.sort_key IS NOT NULL
        AND (o.center_id, o.learner_id, o.learner_sort_key IS NULL)
            IS DISTINCT FROM (n.center_id, n.learner_id, n.learner_sort_key IS NULL);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION association_learner_enrollments_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM association_learner_apply(array_agg(c.association_id), array_agg(o.learner_id), array_agg(-1))
       FROM old_enrollments o JOIN center c ON c.id = o.center_id WHERE o.learner_sort_key IS NOT NULL;
    RETURN NULL;
END
$$;

-- Learners: a reason for the association that registered them while they are not anonymised.
CREATE OR REPLACE FUNCTION association_learner_learners_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM association_learner_apply(array_agg(n.registered_by_association_id), array_agg(n.id), array_agg(1))
       FROM new_learners n WHERE n.registered_by_association_id IS NOT NULL AND n.anonymised_at IS NULL;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION association_learner_learners_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Each learner whose registering association or anonymity changed loses its old reason and gains its new one.
    PERFORM association_learner_apply(array_agg(v.association_id), array_agg(n.id), array_agg(v.n))
       FROM old_learners o JOIN new_learners n ON n.id = o.id
            CROSS JOIN LATERAL (VALUES (o.registered_by_association_id, o.anonymised_at IS NULL, -1),
                                       (n.registered_by_association_id, n.anonymised_at IS NULL, 1)) AS v(association_id, kept, n)
      WHERE v.association_id IS NOT NULL AND v.kept
        AND (o.registered_by_association_id, o.anonymised_at IS NULL)
            IS DISTINCT FROM (n.registered_by_association_id, n.anonymised_at IS NULL);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION association_learner_learners_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM association_learner_apply(array_agg(o.registered_by_association_id), array_agg(o.id), array_agg(-1))
       FROM old_learners o WHERE o.registered_by_association_id IS NOT NULL AND o.anonymised_at IS NULL;
    RETURN NULL;
END
$$;

-- A centre handed to another association takes its enrollments' reasons with it.
CREATE OR REPLACE FUNCTION association_learner_centers_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM association_learner_apply(array_agg(v.association_id), array_agg(e.learner_id), array_agg(v.n))
       FROM old_centers o JOIN new_centers n ON n.id = o.id
            CROSS JOIN LATERAL (VALUES (o.association_id, -1), (n.association_id, 1)) AS v(association_id, n)
            JOIN enrollment e ON e.center_id = o.id
      WHERE o.association_id IS DISTINCT FROM n.association_id AND e.learner_sort_key IS NOT NULL;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS association_learner_enrollments_inserted ON enrollment;
CREATE TRIGGER association_learner_enrollments_inserted AFTER INSERT ON enrollment
    REFERENCING NEW TABLE AS new_enrollments FOR EACH STATEMENT EXECUTE FUNCTION association_learner_enrollments_inserted();
DROP TRIGGER IF EXISTS association_learner_enrollments_updated ON enrollment;
CREATE TRIGGER association_learner_enrollments_updated AFTER UPDATE ON enrollment
    REFERENCING OLD TABLE AS old_enrollments NEW TABLE AS new_enrollments
    FOR EACH STATEMENT EXECUTE FUNCTION association_learner_enrollments_updated();
DROP TRIGGER IF EXISTS association_learner_enrollments_deleted ON enrollment;
CREATE TRIGGER association_learner_enrollments_deleted AFTER DELETE ON enrollment
    REFERENCING OLD TABLE AS old_enrollments FOR EACH STATEMENT EXECUTE FUNCTION association_learner_enrollments_deleted();

DROP TRIGGER IF EXISTS association_learner_learners_inserted ON learner;
CREATE TRIGGER association_learner_learners_inserted AFTER INSERT ON learner
    REFERENCING NEW TABLE AS new_learners FOR EACH STATEMENT EXECUTE FUNCTION association_learner_learners_inserted();
DROP TRIGGER IF EXISTS association_learner_learners_updated ON learner;
CREATE TRIGGER association_learner_learners_updated AFTER UPDATE ON learner
    REFERENCING OLD TABLE AS old_learners NEW TABLE AS new_learners FOR EACH STATEMENT EXECUTE FUNCTION association_learner_learners_updated();
DROP TRIGGER IF EXISTS association_learner_learners_deleted ON learner;
CREATE TRIGGER association_learner_learners_deleted AFTER DELETE ON learner
    REFERENCING OLD TABLE AS old_learners FOR EACH STATEMENT EXECUTE FUNCTION association_learner_learners_deleted();

DROP TRIGGER IF EXISTS association_learner_centers_updated ON center;
CREATE TRIGGER association_learner_centers_updated AFTER UPDATE ON center
    REFERENCING OLD TABLE AS old_centers NEW TABLE AS new_centers FOR EACH STATEMENT EXECUTE FUNCTION association_learner_centers_updated();
