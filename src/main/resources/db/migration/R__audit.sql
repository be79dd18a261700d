-- The audit trail is append-only: no UPDATE, DELETE or TRUNCATE, with one exception: the retention rule scrubs
-- free text written about an anonymised learner from the recorded changes (audit_scrub_learners below), replacing
-- values by "changed" and nothing else. (Repeatable migration: Flyway re-applies it whenever this file changes.)

CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND coalesce(current_setting('forsa.audit_scrub', true), '') = 'on'
       AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.subject = OLD.subject AND NEW.role IS NOT DISTINCT FROM OLD.role
       AND NEW.action = OLD.action AND NEW.entity = OLD.entity AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
       AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Replaces the values of free-text fields (exit and dropout reasons) in the recorded changes of the learners'
-- events and of their enrollments' events by the marker "changed". Returns the number of events scrubbed.
-- SECURITY DEFINER: it runs as its owner (the database owner, who runs the migrations), so that the service's role,
-- which may not UPDATE audit_event (R__service_role.sql), can still scrub; it is the only UPDATE the trigger lets through.
CREATE OR REPLACE FUNCTION audit_scrub_learners(ids uuid[]) RETURNS integer LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    scrubbed integer;
BEGIN
    PERFORM set_config('forsa.audit_scrub', 'on', true);
    UPDATE audit_event a
       SET changes = (SELECT jsonb_object_agg(k, CASE WHEN k IN ('exitReason', 'dropoutReason') THEN to_jsonb('changed'::text)
                                                      ELSE v END)
                      FROM jsonb_each(a.changes) AS e(k, v))
     WHERE a.changes IS NOT NULL
       AND (a.changes ? 'exitReason' OR a.changes ? 'dropoutReason')
       AND ((a.entity = 'Learner' AND a.entity_id = ANY (SELECT i::varchar FROM unnest(ids) i))
         OR (a.entity = 'Enrollment' AND a.entity_id IN (SELECT e.id::varchar FROM enrollment e WHERE e.learner_id = ANY (ids))));
    GET DIAGNOSTICS scrubbed = ROW_COUNT;
    PERFORM set_config('forsa.audit_scrub', 'off', true);
    RETURN scrubbed;
END
$$;
