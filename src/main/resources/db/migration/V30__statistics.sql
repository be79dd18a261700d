-- Statistics for the remedial education directorate (see README "Statistics").
-- stats_fact: one row per enrollment that counts in statistics (every status but TRANSFERRED), with
-- the dimensions resolved (centre's province, academy and association; learner's sex and age at
-- enrollment; strands as a bit mask 1 EDUCATIONAL, 2 PRE_VOCATIONAL, 4 LIFE_SKILLS; the kind of the
-- latest follow-up outcome, 'NONE' when there is none). Kept exact by the triggers below, in the
-- same transaction as the writes. Two roll-ups of it, also trigger-maintained, answer the
-- common national questions without scanning every enrollment.

CREATE TABLE stats_fact (
    enrollment_id   uuid        PRIMARY KEY REFERENCES enrollment (id) ON DELETE CASCADE,
    center_id       uuid        NOT NULL,
    association_id  uuid        NOT NULL,
    province_code   varchar(8)  NOT NULL,
    academy_code    varchar(8)  NOT NULL,
    agreement_id    uuid,
    school_year     varchar(9)  NOT NULL,
    sex             varchar(6)  NOT NULL,
    age             smallint    NOT NULL,
    strands         smallint    NOT NULL,
    status          varchar(12) NOT NULL,
    outcome_kind    varchar(20) NOT NULL,
    enrolled_on     date        NOT NULL
);
CREATE INDEX stats_fact_center_idx ON stats_fact (center_id);
CREATE INDEX stats_fact_agreement_idx ON stats_fact (agreement_id);

-- Roll-up by centre: answers any grouping over academy, province, centre, association, school year, outcome kind.
CREATE TABLE stats_center_cell (
    center_id     uuid        NOT NULL,
    school_year   varchar(9)  NOT NULL,
    outcome_kind  varchar(20) NOT NULL,
    enrolled      integer     NOT NULL,
    active        integer     NOT NULL,
    completed     integer     NOT NULL,
    dropped_out   integer     NOT NULL,
    integrated    integer     NOT NULL,
    PRIMARY KEY (center_id, school_year, outcome_kind)
);

-- Roll-up by academy: answers any grouping over academy, sex, age, strand, school year, outcome kind.
CREATE TABLE stats_academy_cell (
    academy_code  varchar(8)  NOT NULL,
    school_year   varchar(9)  NOT NULL,
    sex           varchar(6)  NOT NULL,
    age           smallint    NOT NULL,
    strands       smallint    NOT NULL,
    outcome_kind  varchar(20) NOT NULL,
    enrolled      integer     NOT NULL,
    active        integer     NOT NULL,
    completed     integer     NOT NULL,
    dropped_out   integer     NOT NULL,
    integrated    integer     NOT NULL,
    PRIMARY KEY (academy_code, school_year, sex, age, strands, outcome_kind)
);

CREATE FUNCTION stats_strand_mask(s varchar[]) RETURNS smallint LANGUAGE sql IMMUTABLE AS $$
    SELECT ((CASE WHEN 'EDUCATIONAL' = ANY (s) THEN 1 ELSE 0 END)
          + (CASE WHEN 'PRE_VOCATIONAL' = ANY (s) THEN 2 ELSE 0 END)
          + (CASE WHEN 'LIFE_SKILLS' = ANY (s) THEN 4 ELSE 0 END))::smallint
$$;

CREATE FUNCTION stats_is_integrated(status varchar, kind varchar) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT status IN ('COMPLETED', 'DROPPED_OUT') AND kind NOT IN ('NONE', 'NOT_INTEGRATED', 'UNKNOWN')
$$;

-- The fact row of each enrollment, computed from the source tables.
CREATE VIEW stats_fact_source AS
    SELECT e.id AS enrollment_id, e.center_id, c.association_id, c.province_code, p.academy_code, e.agreement_id,
           e.school_year, l.sex, extract(year FROM age(e.enrolled_on, l.birth_date))::smallint AS age,
           stats_strand_mask(e.strands) AS strands, e.status,
           coalesce((SELECT o.kind FROM outcome o WHERE o.enrollment_id = e.id
                     ORDER BY o.follow_up_month DESC LIMIT 1), 'NONE') AS outcome_kind,
           e.enrolled_on
    FROM enrollment e
    JOIN learner l ON l.id = e.learner_id
    JOIN center c ON c.id = e.center_id
    JOIN province p ON p.code = c.province_code
    WHERE e.status <> 'TRANSFERRED';

-- Bulk loads (the demo generator) set forsa.stats_bulk=on, skip the row triggers and call stats_rebuild().
CREATE FUNCTION stats_bulk() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('forsa.stats_bulk', true), '') = 'on'
$$;

CREATE FUNCTION stats_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF stats_bulk() OR ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    DELETE FROM stats_fact WHERE enrollment_id = ANY (ids);
    INSERT INTO stats_fact SELECT * FROM stats_fact_source WHERE enrollment_id = ANY (ids);
END
$$;

CREATE FUNCTION stats_cell_add(f stats_fact, delta integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    act integer := CASE WHEN f.status IN ('ENROLLED', 'ACTIVE') THEN delta ELSE 0 END;
    com integer := CASE WHEN f.status = 'COMPLETED' THEN delta ELSE 0 END;
    dro integer := CASE WHEN f.status = 'DROPPED_OUT' THEN delta ELSE 0 END;
    itg integer := CASE WHEN stats_is_integrated(f.status, f.outcome_kind) THEN delta ELSE 0 END;
BEGIN
    INSERT INTO stats_center_cell AS x VALUES (f.center_id, f.school_year, f.outcome_kind, delta, act, com, dro, itg)
    ON CONFLICT (center_id, school_year, outcome_kind) DO UPDATE
        SET enrolled = x.enrolled + delta, active = x.active + act, completed = x.completed + com,
            dropped_out = x.dropped_out + dro, integrated = x.integrated + itg;
    INSERT INTO stats_academy_cell AS x
        VALUES (f.academy_code, f.school_year, f.sex, f.age, f.strands, f.outcome_kind, delta, act, com, dro, itg)
    ON CONFLICT (academy_code, school_year, sex, age, strands, outcome_kind) DO UPDATE
        SET enrolled = x.enrolled + delta, active = x.active + act, completed = x.completed + com,
            dropped_out = x.dropped_out + dro, integrated = x.integrated + itg;
END
$$;

CREATE FUNCTION stats_fact_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF stats_bulk() THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM stats_cell_add(OLD, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM stats_cell_add(NEW, 1);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER stats_fact_rollup AFTER INSERT OR UPDATE OR DELETE ON stats_fact
    FOR EACH ROW EXECUTE FUNCTION stats_fact_changed();

CREATE FUNCTION stats_enrollment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF NOT stats_bulk() THEN
            DELETE FROM stats_fact WHERE enrollment_id = OLD.id;
        END IF;
    ELSE
        PERFORM stats_refresh(ARRAY[NEW.id]);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER stats_enrollment AFTER INSERT OR UPDATE OR DELETE ON enrollment
    FOR EACH ROW EXECUTE FUNCTION stats_enrollment_changed();

CREATE FUNCTION stats_outcome_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM stats_refresh(ARRAY[OLD.enrollment_id]);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.enrollment_id <> OLD.enrollment_id) THEN
        PERFORM stats_refresh(ARRAY[NEW.enrollment_id]);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER stats_outcome AFTER INSERT OR UPDATE OR DELETE ON outcome
    FOR EACH ROW EXECUTE FUNCTION stats_outcome_changed();

CREATE FUNCTION stats_learner_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.sex IS DISTINCT FROM OLD.sex OR NEW.birth_date IS DISTINCT FROM OLD.birth_date THEN
        PERFORM stats_refresh(ARRAY(SELECT id FROM enrollment WHERE learner_id = NEW.id));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER stats_learner AFTER UPDATE ON learner
    FOR EACH ROW EXECUTE FUNCTION stats_learner_changed();

CREATE FUNCTION stats_center_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.province_code IS DISTINCT FROM OLD.province_code OR NEW.association_id IS DISTINCT FROM OLD.association_id THEN
        PERFORM stats_refresh(ARRAY(SELECT id FROM enrollment WHERE center_id = NEW.id));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER stats_center AFTER UPDATE ON center
    FOR EACH ROW EXECUTE FUNCTION stats_center_changed();

-- Recomputes everything from the source tables (after a bulk load, or a change of reference data).
CREATE FUNCTION stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('forsa.stats_bulk', 'on', true);
    TRUNCATE stats_fact, stats_center_cell, stats_academy_cell;
    INSERT INTO stats_fact
        SELECT e.id, e.center_id, c.association_id, c.province_code, p.academy_code, e.agreement_id, e.school_year, l.sex,
               extract(year FROM age(e.enrolled_on, l.birth_date))::smallint, stats_strand_mask(e.strands), e.status,
               coalesce(o.kind, 'NONE'), e.enrolled_on
        FROM enrollment e
        JOIN learner l ON l.id = e.learner_id
        JOIN center c ON c.id = e.center_id
        JOIN province p ON p.code = c.province_code
        LEFT JOIN (SELECT DISTINCT ON (enrollment_id) enrollment_id, kind FROM outcome
                   ORDER BY enrollment_id, follow_up_month DESC) o ON o.enrollment_id = e.id
        WHERE e.status <> 'TRANSFERRED';
    INSERT INTO stats_center_cell
        SELECT center_id, school_year, outcome_kind, count(*),
               count(*) FILTER (WHERE status IN ('ENROLLED', 'ACTIVE')), count(*) FILTER (WHERE status = 'COMPLETED'),
               count(*) FILTER (WHERE status = 'DROPPED_OUT'), count(*) FILTER (WHERE stats_is_integrated(status, outcome_kind))
        FROM stats_fact GROUP BY 1, 2, 3;
    INSERT INTO stats_academy_cell
        SELECT academy_code, school_year, sex, age, strands, outcome_kind, count(*),
               count(*) FILTER (WHERE status IN ('ENROLLED', 'ACTIVE')), count(*) FILTER (WHERE status = 'COMPLETED'),
               count(*) FILTER (WHERE status = 'DROPPED_OUT'), count(*) FILTER (WHERE stats_is_integrated(status, outcome_kind))
        FROM stats_fact GROUP BY 1, 2, 3, 4, 5, 6;
    PERFORM set_config('forsa.stats_bulk', 'off', true);
END
$$;
