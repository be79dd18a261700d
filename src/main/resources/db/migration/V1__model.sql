-- Forsa: the whole model of the second chance schools registry (see shared/design/domain.md).
-- Enumerations are text columns with CHECK constraints so that new values need a migration.

CREATE TABLE academy (
    code      varchar(8)   PRIMARY KEY,
    name      varchar(120) NOT NULL,
    name_ar   varchar(120) NOT NULL
);

CREATE TABLE province (
    code          varchar(8)   PRIMARY KEY,
    name          varchar(120) NOT NULL,
    name_ar       varchar(120) NOT NULL,
    kind          varchar(12)  NOT NULL CHECK (kind IN ('PROVINCE', 'PREFECTURE')),
    academy_code  varchar(8)   NOT NULL REFERENCES academy (code)
);
CREATE INDEX province_academy_idx ON province (academy_code);

CREATE TABLE association (
    id                   uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    registration_number  varchar(40)  NOT NULL,
    name                 varchar(200) NOT NULL,
    province_code        varchar(8)   NOT NULL REFERENCES province (code),
    email                varchar(254),
    phone                varchar(32),
    network_member       boolean      NOT NULL DEFAULT false,
    status               varchar(12)  NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'DISSOLVED')),
    created_at           timestamptz  NOT NULL DEFAULT now(),
    updated_at           timestamptz  NOT NULL DEFAULT now(),
    version              integer      NOT NULL DEFAULT 0,
    CONSTRAINT association_registration_number_key UNIQUE (registration_number)
);
CREATE INDEX association_province_idx ON association (province_code);
CREATE INDEX association_name_idx ON association (name, id);

CREATE TABLE center (
    id              uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    code            varchar(32)  NOT NULL,
    name            varchar(200) NOT NULL,
    association_id  uuid         NOT NULL REFERENCES association (id),
    province_code   varchar(8)   NOT NULL REFERENCES province (code),
    commune         varchar(120),
    address         varchar(300),
    capacity        integer      NOT NULL CHECK (capacity > 0),
    opened_on       date,
    status          varchar(12)  NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'SUSPENDED', 'CLOSED')),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    version         integer      NOT NULL DEFAULT 0,
    CONSTRAINT center_code_key UNIQUE (code)
);
CREATE INDEX center_association_idx ON center (association_id);
CREATE INDEX center_province_idx ON center (province_code);
CREATE INDEX center_status_idx ON center (status);

CREATE TABLE agreement (
    id                       uuid           PRIMARY KEY DEFAULT gen_random_uuid(),
    reference                varchar(60)    NOT NULL,
    kind                     varchar(20)    NOT NULL CHECK (kind IN ('CENTER_MANAGEMENT', 'FRAMEWORK')),
    status                   varchar(12)    NOT NULL DEFAULT 'DRAFT'
                             CHECK (status IN ('DRAFT', 'SIGNED', 'ACTIVE', 'SUSPENDED', 'TERMINATED', 'EXPIRED')),
    academy_code             varchar(8)     NOT NULL REFERENCES academy (code),
    association_id           uuid           NOT NULL REFERENCES association (id),
    signed_on                date,
    starts_on                date           NOT NULL,
    ends_on                  date           NOT NULL,
    budget                   numeric(14, 2) NOT NULL CHECK (budget >= 0),
    target_beneficiaries     integer        NOT NULL CHECK (target_beneficiaries >= 0),
    target_integration_rate  double precision CHECK (target_integration_rate BETWEEN 0 AND 1),
    status_reason            varchar(500),
    created_at               timestamptz    NOT NULL DEFAULT now(),
    updated_at               timestamptz    NOT NULL DEFAULT now(),
    version                  integer        NOT NULL DEFAULT 0,
    CONSTRAINT agreement_reference_key UNIQUE (reference),
    CONSTRAINT agreement_term_check CHECK (ends_on >= starts_on),
    CONSTRAINT agreement_signed_check CHECK (status = 'DRAFT' OR signed_on IS NOT NULL)
);
CREATE INDEX agreement_academy_idx ON agreement (academy_code);
CREATE INDEX agreement_association_idx ON agreement (association_id);
CREATE INDEX agreement_status_idx ON agreement (status);
CREATE INDEX agreement_ends_on_idx ON agreement (ends_on);

-- Which centres an agreement covers.
CREATE TABLE agreement_center (
    agreement_id  uuid NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    center_id     uuid NOT NULL REFERENCES center (id),
    PRIMARY KEY (agreement_id, center_id)
);
CREATE INDEX agreement_center_center_idx ON agreement_center (center_id);

CREATE TABLE tranche (
    id            uuid           PRIMARY KEY DEFAULT gen_random_uuid(),
    agreement_id  uuid           NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    seq           integer        NOT NULL CHECK (seq > 0),
    amount        numeric(14, 2) NOT NULL CHECK (amount > 0),
    due_on        date           NOT NULL,
    condition     varchar(500),
    paid_on       date,
    status        varchar(10)    NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'PAID', 'WITHHELD')),
    created_at    timestamptz    NOT NULL DEFAULT now(),
    updated_at    timestamptz    NOT NULL DEFAULT now(),
    version       integer        NOT NULL DEFAULT 0,
    CONSTRAINT tranche_seq_key UNIQUE (agreement_id, seq),
    CONSTRAINT tranche_paid_check CHECK ((status = 'PAID') = (paid_on IS NOT NULL))
);
CREATE INDEX tranche_due_on_idx ON tranche (due_on) WHERE status = 'PLANNED';

-- A signed change to an agreement; previous_* keep the values it replaced (history).
CREATE TABLE amendment (
    id                             uuid           PRIMARY KEY DEFAULT gen_random_uuid(),
    agreement_id                   uuid           NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    seq                            integer        NOT NULL CHECK (seq > 0),
    signed_on                      date           NOT NULL,
    summary                        varchar(1000)  NOT NULL,
    new_ends_on                    date,
    new_budget                     numeric(14, 2) CHECK (new_budget >= 0),
    new_target_beneficiaries       integer        CHECK (new_target_beneficiaries >= 0),
    new_target_integration_rate    double precision CHECK (new_target_integration_rate BETWEEN 0 AND 1),
    previous_ends_on               date,
    previous_budget                numeric(14, 2),
    previous_target_beneficiaries  integer,
    previous_target_integration_rate double precision,
    created_at                     timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT amendment_seq_key UNIQUE (agreement_id, seq)
);

CREATE TABLE learner (
    id                          uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    massar_code                 varchar(20),
    cin                         varchar(12),
    first_name                  varchar(100),
    last_name                   varchar(100),
    first_name_ar               varchar(100),
    last_name_ar                varchar(100),
    -- normalised "first last" (lower case, no accents or Arabic diacritics) for duplicate detection and search
    name_key                    varchar(300),
    birth_date                  date         NOT NULL,
    sex                         varchar(6)   NOT NULL CHECK (sex IN ('FEMALE', 'MALE')),
    province_of_residence_code  varchar(8)   REFERENCES province (code),
    guardian_name               varchar(200),
    guardian_phone              varchar(32),
    disability                  boolean      NOT NULL DEFAULT false,
    last_grade_completed        varchar(40),
    left_school_year            integer      CHECK (left_school_year BETWEEN 1990 AND 2100),
    dropout_reason              varchar(500),
    consent_recorded_on         date,
    anonymised_at               timestamptz,
    created_at                  timestamptz  NOT NULL DEFAULT now(),
    updated_at                  timestamptz  NOT NULL DEFAULT now(),
    version                     integer      NOT NULL DEFAULT 0,
    CONSTRAINT learner_massar_code_key UNIQUE (massar_code)
);
CREATE INDEX learner_name_key_idx ON learner (name_key, birth_date);
CREATE INDEX learner_province_idx ON learner (province_of_residence_code);
CREATE INDEX learner_sex_idx ON learner (sex);
CREATE INDEX learner_cin_idx ON learner (cin) WHERE cin IS NOT NULL;

CREATE TABLE enrollment (
    id                      uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    learner_id              uuid         NOT NULL REFERENCES learner (id),
    center_id               uuid         NOT NULL REFERENCES center (id),
    agreement_id            uuid         REFERENCES agreement (id),
    school_year             varchar(9)   NOT NULL CHECK (school_year ~ '^[0-9]{4}-[0-9]{4}$'
                                                         AND substr(school_year, 6, 4)::int = substr(school_year, 1, 4)::int + 1),
    strands                 varchar(20)[] NOT NULL
                            CHECK (cardinality(strands) > 0
                                   AND strands <@ ARRAY['EDUCATIONAL', 'PRE_VOCATIONAL', 'LIFE_SKILLS']::varchar(20)[]),
    vocational_field        varchar(120),
    status                  varchar(12)  NOT NULL DEFAULT 'ENROLLED'
                            CHECK (status IN ('ENROLLED', 'ACTIVE', 'COMPLETED', 'DROPPED_OUT', 'TRANSFERRED')),
    enrolled_on             date         NOT NULL,
    exited_on               date,
    exit_reason             varchar(500),
    transferred_from_id     uuid         REFERENCES enrollment (id),
    capacity_override       boolean      NOT NULL DEFAULT false,
    created_at              timestamptz  NOT NULL DEFAULT now(),
    updated_at              timestamptz  NOT NULL DEFAULT now(),
    version                 integer      NOT NULL DEFAULT 0,
    CONSTRAINT enrollment_exit_check CHECK ((status IN ('ENROLLED', 'ACTIVE')) = (exited_on IS NULL)),
    CONSTRAINT enrollment_dates_check CHECK (exited_on IS NULL OR exited_on >= enrolled_on)
);
-- A learner has at most one open enrollment at a time.
CREATE UNIQUE INDEX enrollment_one_open_per_learner ON enrollment (learner_id) WHERE status IN ('ENROLLED', 'ACTIVE');
CREATE INDEX enrollment_learner_idx ON enrollment (learner_id);
CREATE INDEX enrollment_center_idx ON enrollment (center_id, status);
CREATE INDEX enrollment_agreement_idx ON enrollment (agreement_id);
CREATE INDEX enrollment_school_year_idx ON enrollment (school_year);
CREATE INDEX enrollment_transferred_from_idx ON enrollment (transferred_from_id);

CREATE TABLE outcome (
    id               uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    enrollment_id    uuid         NOT NULL REFERENCES enrollment (id),
    kind             varchar(20)  NOT NULL CHECK (kind IN ('FORMAL_SCHOOL', 'VOCATIONAL_TRAINING', 'APPRENTICESHIP', 'EMPLOYMENT',
                                                           'SELF_EMPLOYMENT', 'NOT_INTEGRATED', 'UNKNOWN')),
    observed_on      date         NOT NULL,
    follow_up_month  integer      NOT NULL CHECK (follow_up_month IN (0, 3, 6, 12)),
    organization     varchar(200),
    verified         boolean      NOT NULL DEFAULT false,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    version          integer      NOT NULL DEFAULT 0,
    CONSTRAINT outcome_follow_up_key UNIQUE (enrollment_id, follow_up_month)
);

-- Append-only: see the trigger below.
CREATE TABLE audit_event (
    id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz  NOT NULL DEFAULT now(),
    subject     varchar(200) NOT NULL,
    role        varchar(40),
    action      varchar(20)  NOT NULL CHECK (action IN ('CREATE', 'UPDATE', 'TRANSITION', 'READ_PERSONAL', 'EXPORT', 'IMPORT',
                                                        'ANONYMISE', 'REFUSED')),
    entity      varchar(40)  NOT NULL,
    entity_id   varchar(64),
    changes     jsonb,
    request_id  varchar(64)
);
CREATE INDEX audit_event_entity_idx ON audit_event (entity, entity_id, id);
CREATE INDEX audit_event_at_idx ON audit_event (at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
