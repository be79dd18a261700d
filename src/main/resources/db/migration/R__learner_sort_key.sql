-- enrollment.learner_sort_key (V188) is its learner's name order, coalesce(name_key, ''), or NULL once the learner is
-- anonymised: the single place that keeps it so, whoever writes (GraphQL, the import, transfers, retention, the demo
-- generator). LearnerRepository reads a centre's learners in name order from it. (Repeatable migration: Flyway
-- re-applies it whenever this file changes.)

-- A new enrollment takes its learner's key (one primary-key look-up per row), unless its writer gave it: the import
-- gives the key of the learners it creates in the same transaction (ChunkWriter), which nobody else can rename before
-- it commits. So does an enrollment moved to another learner, or given another key.
CREATE OR REPLACE FUNCTION enrollment_learner_sort_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT CASE WHEN l.anonymised_at IS NULL THEN coalesce(l.name_key, '') END INTO NEW.learner_sort_key
      FROM learner l WHERE l.id = NEW.learner_id;
    RETURN NEW;
END
$$;

-- A learner renamed or anonymised: its enrollments follow, one statement for all the learners an UPDATE changed.
CREATE OR REPLACE FUNCTION learner_sort_key_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE enrollment e SET learner_sort_key = CASE WHEN n.anonymised_at IS NULL THEN coalesce(n.name_key, '') END
      FROM new_learners n JOIN old_learners o ON o.id = n.id
     WHERE e.learner_id = n.id
       AND (n.name_key IS DISTINCT FROM o.name_key OR n.anonymised_at IS DISTINCT FROM o.anonymised_at);
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS enrollment_learner_sort_key ON enrollment;
CREATE TRIGGER enrollment_learner_sort_key BEFORE INSERT ON enrollment
    FOR EACH ROW WHEN (NEW.learner_sort_key IS NULL) EXECUTE FUNCTION enrollment_learner_sort_key();
DROP TRIGGER IF EXISTS enrollment_learner_sort_key_moved ON enrollment;
CREATE TRIGGER enrollment_learner_sort_key_moved BEFORE UPDATE OF learner_id, learner_sort_key ON enrollment
    FOR EACH ROW WHEN (OLD.learner_id IS DISTINCT FROM NEW.learner_id OR OLD.learner_sort_key IS DISTINCT FROM NEW.learner_sort_key)
    EXECUTE FUNCTION enrollment_learner_sort_key();
DROP TRIGGER IF EXISTS learner_sort_key_updated ON learner;
CREATE TRIGGER learner_sort_key_updated AFTER UPDATE ON learner
    REFERENCING OLD TABLE AS old_learners NEW TABLE AS new_learners FOR EACH STATEMENT EXECUTE FUNCTION learner_sort_key_updated();
