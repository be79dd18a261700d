-- Roll-up of stats_fact by agreement (enrollments attached to an agreement), kept by the same triggers:
-- agreement progress, agreements behind target and agreement exports read it instead of counting enrollments.
CREATE TABLE stats_agreement_cell (
    agreement_id  uuid     PRIMARY KEY,
    enrolled      integer  NOT NULL,
    active        integer  NOT NULL,
    completed     integer  NOT NULL,
    dropped_out   integer  NOT NULL,
    integrated    integer  NOT NULL
);

CREATE OR REPLACE FUNCTION stats_cell_add(f stats_fact, delta integer) RETURNS void LANGUAGE plpgsql AS $$
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
    IF f.agreement_id IS NOT NULL THEN
        INSERT INTO stats_agreement_cell AS x VALUES (f.agreement_id, delta, act, com, dro, itg)
        ON CONFLICT (agreement_id) DO UPDATE
            SET enrolled = x.enrolled + delta, active = x.active + act, completed = x.completed + com,
                dropped_out = x.dropped_out + dro, integrated = x.integrated + itg;
    END IF;
END
$$;

CREATE FUNCTION stats_rebuild_agreements() RETURNS void LANGUAGE sql AS $$
    TRUNCATE stats_agreement_cell;
    INSERT INTO stats_agreement_cell
        SELECT agreement_id, count(*), count(*) FILTER (WHERE status IN ('ENROLLED', 'ACTIVE')),
               count(*) FILTER (WHERE status = 'COMPLETED'), count(*) FILTER (WHERE status = 'DROPPED_OUT'),
               count(*) FILTER (WHERE stats_is_integrated(status, outcome_kind))
        FROM stats_fact WHERE agreement_id IS NOT NULL GROUP BY 1;
$$;

-- stats_rebuild() (V30) now also rebuilds the agreement roll-up.
ALTER FUNCTION stats_rebuild() RENAME TO stats_rebuild_v30;
CREATE FUNCTION stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM stats_rebuild_v30();
    PERFORM stats_rebuild_agreements();
END
$$;

SELECT stats_rebuild_agreements();
