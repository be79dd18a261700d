-- enrollment.learner_sort_key (V188) is its learner's name order, coalesce(name_key, ''), or NULL once the learner is
-- anonymised, and enrollment.learner_sex (V190) its learner's sex: the single place that keeps them so, whoever writes
-- (GraphQL, the import, transfers, retention, the demo generator). LearnerRepository reads a centre's learners in name
-- order from them, and counts a centre's or an academy's learners by sex. (Repeatable migration: Flyway re-applies it
-- whenever this file changes.)

-- A new enrollment takes its learner's key and sex (one primary-key look-up per row), unless its writer gave both: the
-- import gives those of the learners it creates in the same transaction (ChunkWriter), which nobody else can change
-- before it commits. So does an enrollment moved to another learner, or given another key or sex.
CREATE OR REPLACE FUNCTION enrollment_learner_sort_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT CASE WHEN l.anonymised_at IS NULL THEN coalesce(l.name_key, '') END, l.sex
      INTO NEW.learner_sort_key, NEW.learner_sex
      FROM learner l WHERE l.id = NEW.learner_id;
    RETURN NEW;
END
$$;

-- A learner renamed, anonymised or whose sex was corrected: its enrollments follow, one statement for all the learners
-- an UPDATE changed.
CREATE OR REPLACE FUNCTION learner_sort_key_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE enrollment e SET learner_sort_key = CASE WHEN n.anonymised_at IS NULL THEN coalesce(n.name_key, '') END,
           learner_sex = n.sex
      FROM new_learners n JOIN old_learners o ON o.id = n.id
     WHERE e.learner_id = n.id
       AND (n.name_key IS DISTINCT FROM o.name_key OR n.anonymised_at IS DISTINCT FROM o.anonymised_at
            OR n.sex IS DISTINCT FROM o.sex);
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS enrollment_learner_sort_key ON enrollment;
CREATE TRIGGER enrollment_learner_sort_key BEFORE INSERT ON enrollment
    FOR EACH ROW WHEN (NEW.learner_sort_key IS NULL OR NEW.learner_sex IS NULL) EXECUTE FUNCTION enrollment_learner_sort_key();
DROP TRIGGER IF EXISTS enrollment_learner_sort_key_moved ON enrollment;
CREATE TRIGGER enrollment_learner_sort_key_moved BEFORE UPDATE OF learner_id, learner_sort_key, learner_sex ON enrollment
    FOR EACH ROW WHEN (OLD.learner_id IS DISTINCT FROM NEW.learner_id OR OLD.learner_sort_key IS DISTINCT FROM NEW.learner_sort_key
                       OR OLD.learner_sex IS DISTINCT FROM NEW.learner_sex)
    EXECUTE FUNCTION enrollment_learner_sort_key();
DROP TRIGGER IF EXISTS learner_sort_key_updated ON learner;
CREATE TRIGGER learner_sort_key_updated AFTER UPDATE ON learner
    REFERENCING OLD TABLE AS old_learners NEW TABLE AS new_learners FOR EACH STATEMENT EXECUTE FUNCTION learner_sort_key_updated();

-- Whenever this file is applied again (each release that changes it, and a return to a release after an older one ran
-- its own copy, which did not keep learner_sex): enrollments that drifted from their learner are set right, so that
-- the lists and counts read from them agree with the learners (LearnerFiltersTest, LearnerCountsTest). Nothing to do on
-- a database kept by the triggers above: one pass over the enrollments.
UPDATE enrollment e SET learner_sort_key = CASE WHEN l.anonymised_at IS NULL THEN coalesce(l.name_key, '') END,
       learner_sex = l.sex
  FROM learner l
 WHERE l.id = e.learner_id
   AND (e.learner_sort_key IS DISTINCT FROM CASE WHEN l.anonymised_at IS NULL THEN coalesce(l.name_key, '') END
        OR e.learner_sex IS DISTINCT FROM l.sex);
