-- Issue 18: the statistics are kept by statement-level triggers (R__statistics.sql) instead of the row-level ones of V30,
-- V31 and V170's consent trigger on INSERT: a chunk of an import (one multi-row INSERT per table) now costs a few
-- set-based statements, not several per row. The old row triggers and their functions go; the new ones are created by
-- the repeatable migration, which Flyway applies after this one.
DROP TRIGGER IF EXISTS stats_fact_rollup ON stats_fact;
DROP TRIGGER IF EXISTS stats_enrollment ON enrollment;
DROP TRIGGER IF EXISTS stats_outcome ON outcome;
DROP TRIGGER IF EXISTS stats_learner ON learner;
DROP TRIGGER IF EXISTS stats_center ON center;
DROP TRIGGER IF EXISTS learner_consent_date_inserted ON learner;
DROP FUNCTION IF EXISTS stats_fact_changed();
DROP FUNCTION IF EXISTS stats_enrollment_changed();
DROP FUNCTION IF EXISTS stats_outcome_changed();
DROP FUNCTION IF EXISTS stats_learner_changed();
DROP FUNCTION IF EXISTS stats_center_changed();
DROP FUNCTION IF EXISTS stats_cell_add(stats_fact, integer);

-- The changes of stats_fact made by the running transaction (one row per fact added, +1, or removed, -1), added to the
-- summary cells once, at commit, in the order of the cells' keys (R__statistics.sql, stats_apply_pending). Each
-- transaction sees and removes only its own rows: the others' are uncommitted, or already removed when they committed.
CREATE TABLE stats_fact_delta (
    center_id     uuid        NOT NULL,
    academy_code  varchar(8)  NOT NULL,
    agreement_id  uuid,
    school_year   varchar(9)  NOT NULL,
    sex           varchar(6)  NOT NULL,
    age           smallint    NOT NULL,
    strands       smallint    NOT NULL,
    status        varchar(12) NOT NULL,
    outcome_kind  varchar(20) NOT NULL,
    delta         integer     NOT NULL
);

-- One row per transaction that has changes waiting in stats_fact_delta: its insertion queues the deferred trigger that
-- applies them at commit (a constraint trigger is the only kind that can wait for the commit).
CREATE TABLE stats_pending (
    xid  bigint  PRIMARY KEY
);
