-- Idempotency-Key of mutations (common/graphql/IdempotencyKeys): the first response to a key, replayed to the same
-- subject for 24 h from any replica. While the first request runs, response is null (a concurrent duplicate is
-- refused with IDEMPOTENCY_KEY_IN_USE). Expired rows are deleted by every replica periodically. The response may hold
-- what the mutation returned (e.g. a learner's names): it lives no longer than the key.
CREATE TABLE idempotency_key (
    subject      varchar(200) NOT NULL,
    key          varchar(200) NOT NULL,
    fingerprint  char(64)     NOT NULL,
    created_at   timestamptz  NOT NULL,
    response     text,
    PRIMARY KEY (subject, key)
);
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
