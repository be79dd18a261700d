-- Statistics triggers (issue 18; tables in V30, V31, V181; docs/statistics.md "How it stays fast and exact").
-- Every trigger is statement-level, with transition tables (one trigger per event): a multi-row INSERT of an import's
-- chunk costs a few set-based statements whatever its size.
--   enrollment / outcome / learner / center changes -> stats_refresh(the enrollments concerned) -> stats_fact rows
--   deleted or inserted where they differ from stats_fact_source -> the changes are queued in stats_fact_delta ->
--   at commit, stats_apply_pending adds them to the summary cells, table by table, each in the order of its key.
-- Cells are thus locked last, for the commit only, always in the same order (centre cells, academy cells, agreement
-- cells; by key within each): two transactions touching the same cells in opposite orders wait, never deadlock.
-- Bulk loads (the demo generator) set forsa.stats_bulk=on, skip the triggers and call stats_rebuild().
-- The functions that follow changed rows (all but the rebuild) plan with sequential scans, hash and merge joins off: they
-- always start from the changed ids and reach each related row through its key. PL/pgSQL keeps a function's plans for
-- the life of the connection; planned while the tables were small (a new registry, before any ANALYZE), the fact insert
-- of an import chunk kept scanning every enrollment and filtering it against the chunk's 500 ids (38 ms per chunk at
-- 12,000 enrollments, growing with the registry).

CREATE OR REPLACE FUNCTION stats_bulk() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('forsa.stats_bulk', true), '') = 'on'
$$;

-- Brings the facts of these enrollments in line with the source tables: removes the facts that changed (or whose
-- enrollment no longer counts), inserts the missing ones. An unchanged fact is left alone (no cell is touched).
CREATE OR REPLACE FUNCTION stats_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
    IF stats_bulk() OR ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    DELETE FROM stats_fact f
     WHERE f.enrollment_id = ANY (ids)
       AND NOT EXISTS (SELECT 1 FROM stats_fact_source s
                        WHERE s.enrollment_id = f.enrollment_id AND ROW(s.*) IS NOT DISTINCT FROM ROW(f.*));
    INSERT INTO stats_fact SELECT * FROM stats_fact_source s WHERE s.enrollment_id = ANY (ids)
        ON CONFLICT (enrollment_id) DO NOTHING;
END
$$;

-- Queues the deferred application of this transaction's fact changes (once per transaction).
CREATE OR REPLACE FUNCTION stats_mark_pending() RETURNS void LANGUAGE sql AS $$
    INSERT INTO stats_pending (xid) VALUES (txid_current()) ON CONFLICT (xid) DO NOTHING
$$;

CREATE OR REPLACE FUNCTION stats_fact_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF stats_bulk() THEN
        RETURN NULL;
    END IF;
    INSERT INTO stats_fact_delta
        SELECT center_id, academy_code, agreement_id, school_year, sex, age, strands, status, outcome_kind, 1 FROM new_facts;
    IF FOUND THEN
        PERFORM stats_mark_pending();
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION stats_fact_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF stats_bulk() THEN
        RETURN NULL;
    END IF;
    INSERT INTO stats_fact_delta
        SELECT center_id, academy_code, agreement_id, school_year, sex, age, strands, status, outcome_kind, -1 FROM old_facts;
    IF FOUND THEN
        PERFORM stats_mark_pending();
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION stats_fact_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF stats_bulk() THEN
        RETURN NULL;
    END IF;
    INSERT INTO stats_fact_delta
        SELECT center_id, academy_code, agreement_id, school_year, sex, age, strands, status, outcome_kind, -1 FROM old_facts
        UNION ALL
        SELECT center_id, academy_code, agreement_id, school_year, sex, age, strands, status, outcome_kind, 1 FROM new_facts;
    IF FOUND THEN
        PERFORM stats_mark_pending();
    END IF;
    RETURN NULL;
END
$$;

-- This transaction's pending fact changes as cell increments (V181; found through the index on xid, V182).
CREATE OR REPLACE VIEW stats_fact_cells_delta AS
    SELECT center_id, academy_code, agreement_id, school_year, sex, age, strands, outcome_kind, delta AS enrolled,
           CASE WHEN status IN ('ENROLLED', 'ACTIVE') THEN delta ELSE 0 END AS active,
           CASE WHEN status = 'COMPLETED' THEN delta ELSE 0 END AS completed,
           CASE WHEN status = 'DROPPED_OUT' THEN delta ELSE 0 END AS dropped_out,
           CASE WHEN stats_is_integrated(status, outcome_kind) THEN delta ELSE 0 END AS integrated
      FROM stats_fact_delta WHERE xid = txid_current_if_assigned();

-- At commit (deferred constraint trigger on stats_pending): adds this transaction's fact changes to the cells, set-based,
-- table by table in a fixed order and by key within each table (ORDER BY the key), skipping cells whose net change is nil.
CREATE OR REPLACE FUNCTION stats_apply_pending() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
    DELETE FROM stats_pending WHERE xid = NEW.xid;
    INSERT INTO stats_center_cell AS x (center_id, school_year, outcome_kind, enrolled, active, completed, dropped_out, integrated)
        SELECT center_id, school_year, outcome_kind, sum(enrolled), sum(active), sum(completed), sum(dropped_out), sum(integrated)
          FROM stats_fact_cells_delta GROUP BY 1, 2, 3
        HAVING sum(enrolled) <> 0 OR sum(active) <> 0 OR sum(completed) <> 0 OR sum(dropped_out) <> 0 OR sum(integrated) <> 0
         ORDER BY 1, 2, 3
    ON CONFLICT (center_id, school_year, outcome_kind) DO UPDATE
        SET enrolled = x.enrolled + excluded.enrolled, active = x.active + excluded.active,
            completed = x.completed + excluded.completed, dropped_out = x.dropped_out + excluded.dropped_out,
            integrated = x.integrated + excluded.integrated;
    INSERT INTO stats_academy_cell AS x (academy_code, school_year, sex, age, strands, outcome_kind, enrolled, active,
                                        completed, dropped_out, integrated)
        SELECT academy_code, school_year, sex, age, strands, outcome_kind, sum(enrolled), sum(active), sum(completed),
               sum(dropped_out), sum(integrated)
          FROM stats_fact_cells_delta GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(enrolled) <> 0 OR sum(active) <> 0 OR sum(completed) <> 0 OR sum(dropped_out) <> 0 OR sum(integrated) <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (academy_code, school_year, sex, age, strands, outcome_kind) DO UPDATE
        SET enrolled = x.enrolled + excluded.enrolled, active = x.active + excluded.active,
            completed = x.completed + excluded.completed, dropped_out = x.dropped_out + excluded.dropped_out,
            integrated = x.integrated + excluded.integrated;
    INSERT INTO stats_agreement_cell AS x (agreement_id, enrolled, active, completed, dropped_out, integrated)
        SELECT agreement_id, sum(enrolled), sum(active), sum(completed), sum(dropped_out), sum(integrated)
          FROM stats_fact_cells_delta WHERE agreement_id IS NOT NULL GROUP BY 1
        HAVING sum(enrolled) <> 0 OR sum(active) <> 0 OR sum(completed) <> 0 OR sum(dropped_out) <> 0 OR sum(integrated) <> 0
         ORDER BY 1
    ON CONFLICT (agreement_id) DO UPDATE
        SET enrolled = x.enrolled + excluded.enrolled, active = x.active + excluded.active,
            completed = x.completed + excluded.completed, dropped_out = x.dropped_out + excluded.dropped_out,
            integrated = x.integrated + excluded.integrated;
    DELETE FROM stats_fact_delta WHERE xid = txid_current_if_assigned();
    RETURN NULL;
END
$$;

-- A new enrollment has no fact yet: its fact is inserted, with no look for one to remove (stats_refresh).
-- The ids go in as an array (= ANY), so that the plan starts from them through the primary keys.
CREATE OR REPLACE FUNCTION stats_enrollment_inserted() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
    IF NOT stats_bulk() THEN
        INSERT INTO stats_fact SELECT * FROM stats_fact_source s WHERE s.enrollment_id = ANY (ARRAY(SELECT id FROM new_enrollments))
            ON CONFLICT (enrollment_id) DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION stats_enrollment_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM stats_refresh(ARRAY(SELECT n.id FROM new_enrollments n JOIN old_enrollments o ON o.id = n.id
                                 WHERE (n.learner_id, n.center_id, n.agreement_id, n.school_year, n.strands, n.status,
                                        n.enrolled_on)
                                       IS DISTINCT FROM (o.learner_id, o.center_id, o.agreement_id, o.school_year, o.strands,
                                                         o.status, o.enrolled_on)));
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION stats_enrollment_deleted() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
    IF NOT stats_bulk() THEN
        DELETE FROM stats_fact WHERE enrollment_id = ANY (ARRAY(SELECT id FROM old_enrollments));
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION stats_outcome_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM stats_refresh(ARRAY(SELECT DISTINCT enrollment_id FROM new_outcomes));
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION stats_outcome_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM stats_refresh(ARRAY(SELECT enrollment_id FROM old_outcomes UNION SELECT enrollment_id FROM new_outcomes));
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION stats_outcome_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM stats_refresh(ARRAY(SELECT DISTINCT enrollment_id FROM old_outcomes));
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION stats_learner_updated() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
    PERFORM stats_refresh(ARRAY(SELECT e.id FROM new_learners n JOIN old_learners o ON o.id = n.id
                                  JOIN enrollment e ON e.learner_id = n.id
                                 WHERE n.sex IS DISTINCT FROM o.sex OR n.birth_date IS DISTINCT FROM o.birth_date));
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION stats_center_updated() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
    PERFORM stats_refresh(ARRAY(SELECT e.id FROM new_centers n JOIN old_centers o ON o.id = n.id
                                  JOIN enrollment e ON e.center_id = n.id
                                 WHERE n.province_code IS DISTINCT FROM o.province_code
                                    OR n.association_id IS DISTINCT FROM o.association_id));
    RETURN NULL;
END
$$;

-- Recomputes everything from the source tables (after a bulk load, or a change of reference data); this transaction's
-- pending fact changes are already in the result.
CREATE OR REPLACE FUNCTION stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM stats_fact_delta WHERE xid = txid_current_if_assigned();
    PERFORM stats_rebuild_v30();
    PERFORM stats_rebuild_agreements();
END
$$;

-- The consent date given when a learner is created (V170, learner_consent_date_recorded for updates): one set-based
-- call per INSERT statement.
CREATE OR REPLACE FUNCTION learner_consent_dates_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM consent_from_dates(array_agg(id), array_agg(consent_recorded_on))
       FROM new_learners WHERE consent_recorded_on IS NOT NULL;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS stats_fact_inserted ON stats_fact;
CREATE TRIGGER stats_fact_inserted AFTER INSERT ON stats_fact
    REFERENCING NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION stats_fact_inserted();
DROP TRIGGER IF EXISTS stats_fact_updated ON stats_fact;
CREATE TRIGGER stats_fact_updated AFTER UPDATE ON stats_fact
    REFERENCING OLD TABLE AS old_facts NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION stats_fact_updated();
DROP TRIGGER IF EXISTS stats_fact_deleted ON stats_fact;
CREATE TRIGGER stats_fact_deleted AFTER DELETE ON stats_fact
    REFERENCING OLD TABLE AS old_facts FOR EACH STATEMENT EXECUTE FUNCTION stats_fact_deleted();

DROP TRIGGER IF EXISTS stats_apply_pending ON stats_pending;
CREATE CONSTRAINT TRIGGER stats_apply_pending AFTER INSERT ON stats_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stats_apply_pending();

DROP TRIGGER IF EXISTS stats_enrollment_inserted ON enrollment;
CREATE TRIGGER stats_enrollment_inserted AFTER INSERT ON enrollment
    REFERENCING NEW TABLE AS new_enrollments FOR EACH STATEMENT EXECUTE FUNCTION stats_enrollment_inserted();
DROP TRIGGER IF EXISTS stats_enrollment_updated ON enrollment;
CREATE TRIGGER stats_enrollment_updated AFTER UPDATE ON enrollment
    REFERENCING OLD TABLE AS old_enrollments NEW TABLE AS new_enrollments
    FOR EACH STATEMENT EXECUTE FUNCTION stats_enrollment_updated();
DROP TRIGGER IF EXISTS stats_enrollment_deleted ON enrollment;
CREATE TRIGGER stats_enrollment_deleted AFTER DELETE ON enrollment
    REFERENCING OLD TABLE AS old_enrollments FOR EACH STATEMENT EXECUTE FUNCTION stats_enrollment_deleted();

DROP TRIGGER IF EXISTS stats_outcome_inserted ON outcome;
CREATE TRIGGER stats_outcome_inserted AFTER INSERT ON outcome
    REFERENCING NEW TABLE AS new_outcomes FOR EACH STATEMENT EXECUTE FUNCTION stats_outcome_inserted();
DROP TRIGGER IF EXISTS stats_outcome_updated ON outcome;
CREATE TRIGGER stats_outcome_updated AFTER UPDATE ON outcome
    REFERENCING OLD TABLE AS old_outcomes NEW TABLE AS new_outcomes FOR EACH STATEMENT EXECUTE FUNCTION stats_outcome_updated();
DROP TRIGGER IF EXISTS stats_outcome_deleted ON outcome;
CREATE TRIGGER stats_outcome_deleted AFTER DELETE ON outcome
    REFERENCING OLD TABLE AS old_outcomes FOR EACH STATEMENT EXECUTE FUNCTION stats_outcome_deleted();

DROP TRIGGER IF EXISTS stats_learner_updated ON learner;
CREATE TRIGGER stats_learner_updated AFTER UPDATE ON learner
    REFERENCING OLD TABLE AS old_learners NEW TABLE AS new_learners FOR EACH STATEMENT EXECUTE FUNCTION stats_learner_updated();
DROP TRIGGER IF EXISTS stats_center_updated ON center;
CREATE TRIGGER stats_center_updated AFTER UPDATE ON center
    REFERENCING OLD TABLE AS old_centers NEW TABLE AS new_centers FOR EACH STATEMENT EXECUTE FUNCTION stats_center_updated();

DROP TRIGGER IF EXISTS learner_consent_dates_inserted ON learner;
CREATE TRIGGER learner_consent_dates_inserted AFTER INSERT ON learner
    REFERENCING NEW TABLE AS new_learners FOR EACH STATEMENT EXECUTE FUNCTION learner_consent_dates_inserted();

-- The open enrollments (ENROLLED, ACTIVE) of these centres, the one count of the capacity rule (enroll, transfer, import,
-- capacity changes) and of Center.occupancy: the centre cells' active counts (kept by the triggers above, committed with
-- every change) plus this transaction's own changes not applied yet (stats_fact_delta, visible to it alone). A few index
-- reads per centre whatever its history, where counting enrollment rows read every open enrollment of the centre (27 ms
-- per import chunk of 100 centres). In a bulk load (stats_bulk, cells rebuilt at the end) it counts the rows.
-- StatsRecount (CellOrderTest, ImportStatisticsTest) compares it with a count of the rows, with and without own changes.
CREATE OR REPLACE FUNCTION center_open_enrollments(ids uuid[]) RETURNS TABLE (center_id uuid, open integer)
LANGUAGE sql STABLE SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
    WITH own AS (SELECT d.center_id, sum(d.active) AS n FROM stats_fact_cells_delta d
                  WHERE d.center_id = ANY (ids) AND NOT stats_bulk() GROUP BY 1)
    SELECT c.id, CASE WHEN stats_bulk()
                      THEN (SELECT count(*) FROM enrollment e WHERE e.center_id = c.id AND e.status IN ('ENROLLED', 'ACTIVE'))
                      ELSE coalesce((SELECT sum(x.active) FROM stats_center_cell x WHERE x.center_id = c.id), 0)
                           + coalesce(own.n, 0) END::integer
      FROM (SELECT DISTINCT unnest(ids) AS id) c LEFT JOIN own ON own.center_id = c.id
$$;
