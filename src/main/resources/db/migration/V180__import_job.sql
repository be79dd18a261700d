-- Bulk import jobs (ma.forsa.importer): every replica reads them (GET /imports/{id}) and any replica's worker claims
-- them (SELECT ... FOR UPDATE SKIP LOCKED: a PENDING job, or a RUNNING one whose heartbeat is stale) and resumes them
-- from the last committed chunk (lines_done). The caller is kept (subject, role, confinement, language) so that the
-- worker applies the same scope as the request did.
CREATE TABLE import_job (
    id                           uuid         PRIMARY KEY,
    subject                      text         NOT NULL,
    role                         text         NOT NULL,
    roles                        text[]       NOT NULL,
    academy_code                 text,
    association_id               uuid,
    standing                     text         NOT NULL,
    request_id                   text,
    locale                       text         NOT NULL,
    dry_run                      boolean      NOT NULL,
    mode                         text         NOT NULL,
    file_name                    text,
    file_size                    bigint       NOT NULL DEFAULT 0,
    status                       text         NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'REJECTED',
                                                                         'REFUSED', 'FAILED')),
    -- VALIDATING (all-or-nothing's first pass, or a dry run) or WRITING; null before the first chunk
    phase                        text,
    reason                       text,
    message                      text,
    format                       text,
    sha256                       text,
    -- the claim of the worker running it (a fresh uuid per claim: a worker whose claim was taken over writes nothing)
    claim                        uuid,
    worker                       text,
    heartbeat_at                 timestamptz,
    attempts                     integer      NOT NULL DEFAULT 0,
    -- data lines whose outcome is committed (valid-rows mode): a resumed job skips them
    lines_done                   integer      NOT NULL DEFAULT 0,
    start_audited                boolean      NOT NULL DEFAULT false,
    rows_read                    integer      NOT NULL DEFAULT 0,
    imported                     integer      NOT NULL DEFAULT 0,
    rejected                     integer      NOT NULL DEFAULT 0,
    learners_created             integer      NOT NULL DEFAULT 0,
    learners_linked              integer      NOT NULL DEFAULT 0,
    enrollments_created          integer      NOT NULL DEFAULT 0,
    enrollments_already_present  integer      NOT NULL DEFAULT 0,
    outcomes_created             integer      NOT NULL DEFAULT 0,
    duplicates_suspected         integer      NOT NULL DEFAULT 0,
    -- the first problems (ImportJob.MAX_PROBLEMS_SHOWN), and how many more there were
    problems                     jsonb        NOT NULL DEFAULT '[]',
    problems_not_shown           integer      NOT NULL DEFAULT 0,
    created_at                   timestamptz  NOT NULL,
    started_at                   timestamptz,
    finished_at                  timestamptz
);
-- what a worker looks for
CREATE INDEX import_job_open_idx ON import_job (created_at) WHERE status IN ('PENDING', 'RUNNING');
CREATE INDEX import_job_finished_idx ON import_job (finished_at) WHERE finished_at IS NOT NULL;

-- The uploaded file, in pieces, readable by every replica while the job lives; deleted when it ends.
CREATE TABLE import_file_chunk (
    job_id  uuid     NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    seq     integer  NOT NULL,
    data    bytea    NOT NULL,
    PRIMARY KEY (job_id, seq)
);
