-- The role the service connects as in production (placeholder app_role = quarkus.datasource.username) is not the owner
-- of the tables (Flyway runs as the owner): it reads and writes the application's tables, but may only INSERT and SELECT
-- audit events. Not being the owner, it can neither ALTER audit_event (nor DISABLE its TRIGGERs) nor drop it; without the
-- privileges it cannot UPDATE, DELETE or TRUNCATE it. The retention rule's scrub runs as the owner
-- (audit_scrub_learners is SECURITY DEFINER, R__audit.sql), executable by this role only.
-- Skipped when the service connects as the owner itself (dev mode, tests). Tables created by later migrations get the
-- same grants through the default privileges below; a new append-only table must revoke them in its own migration.
-- (Repeatable, applied after R__audit.sql, which creates the function: Flyway re-applies it when this file or the
-- placeholder's value changes.)
DO $grants$
DECLARE
    app  text := '${app_role}';
    t    record;
BEGIN
    IF app = '' OR app = current_user THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
        RAISE EXCEPTION 'The service''s role % does not exist: create it first (k8s/postgres-cluster.yaml, spec.managed.roles)', app;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT IN ('audit_event', '${flyway:table}')
    LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.%I TO %I', t.relname, app);
    END LOOP;
    -- the views the triggers read as the role that fires them (stats_fact_source, created by V30 before any default
    -- privileges existed; association_learner_source): without them an enrollment's INSERT fails under this role
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm')
    LOOP
        EXECUTE format('GRANT SELECT ON TABLE public.%I TO %I', t.relname, app);
    END LOOP;
    EXECUTE format('REVOKE ALL ON TABLE public.audit_event FROM %I', app);
    EXECUTE format('GRANT SELECT, INSERT ON TABLE public.audit_event TO %I', app);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I', app);
    REVOKE ALL ON FUNCTION audit_scrub_learners(uuid[]) FROM PUBLIC;
    EXECUTE format('GRANT EXECUTE ON FUNCTION audit_scrub_learners(uuid[]) TO %I', app);
END
$grants$;
