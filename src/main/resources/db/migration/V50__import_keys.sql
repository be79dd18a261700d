-- Bulk import: learners created by an import without a MASSAR code, by the SHA-256 of their natural
-- key (normalised name | birth date | centre code | school year). Uploading the same row again finds
-- the learner here and links to it instead of creating a second one.
CREATE TABLE import_learner_key (
    natural_key  varchar(64)  PRIMARY KEY,
    learner_id   uuid         NOT NULL REFERENCES learner (id),
    import_id    uuid         NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX import_learner_key_learner_idx ON import_learner_key (learner_id);
