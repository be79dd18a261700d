-- Live updates (docs/api/front-end.md#subscriptions): enrollment changes are announced on the channel forsa_enrollment
-- by this trigger, the single place for them, whoever writes (GraphQL, the import, referrals, the demo generator).
-- pg_notify runs inside the writing transaction: PostgreSQL delivers it at commit, never after a rollback, and folds
-- identical payloads of one transaction. The payload carries ids, the status and the kind of change (no personal data);
-- subscribers read the enrollment again through their scoped read path. (Repeatable migration: Flyway re-applies it
-- whenever this file changes.)
--   k: ENROLLED (a new enrollment), TRANSFERRED_IN (a new enrollment made by a transfer), STATUS_CHANGED (ACTIVE...),
--      EXITED (COMPLETED, DROPPED_OUT), TRANSFERRED_OUT (the enrollment left by a transfer)

-- New enrollments: one statement-level call per INSERT (an import chunk inserts hundreds), one event per row.
CREATE OR REPLACE FUNCTION enrollment_notify_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('forsa_enrollment', json_build_object('e', n.id, 'c', n.center_id,
        'k', CASE WHEN n.transferred_from_id IS NULL THEN 'ENROLLED' ELSE 'TRANSFERRED_IN' END, 's', n.status,
        'at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text)
      FROM new_enrollments n;
    RETURN NULL;
END
$$;

-- A status change (PostgreSQL allows no transition table on an UPDATE OF trigger: row by row; updates come one by one).
CREATE OR REPLACE FUNCTION enrollment_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kind text;
BEGIN
    IF NEW.status IS NOT DISTINCT FROM OLD.status THEN
        RETURN NULL;
    END IF;
    kind := CASE NEW.status WHEN 'TRANSFERRED' THEN 'TRANSFERRED_OUT'
                            WHEN 'COMPLETED' THEN 'EXITED'
                            WHEN 'DROPPED_OUT' THEN 'EXITED'
                            ELSE 'STATUS_CHANGED' END;
    PERFORM pg_notify('forsa_enrollment', json_build_object('e', NEW.id, 'c', NEW.center_id, 'k', kind, 's', NEW.status,
        'at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text);
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS enrollment_notify ON enrollment;
CREATE TRIGGER enrollment_notify AFTER UPDATE OF status ON enrollment
    FOR EACH ROW EXECUTE FUNCTION enrollment_notify();
DROP TRIGGER IF EXISTS enrollment_notify_inserted ON enrollment;
CREATE TRIGGER enrollment_notify_inserted AFTER INSERT ON enrollment
    REFERENCING NEW TABLE AS new_enrollments FOR EACH STATEMENT EXECUTE FUNCTION enrollment_notify_inserted();
