-- Privacy: import keys become keyed hashes (HMAC-SHA-256 with a server-side secret, see importer/ImportKeys). The
-- unsalted SHA-256 keys written before could be matched by guessing names and birth dates: they are removed (a
-- re-sent old row is then caught by duplicate suspicion instead of being linked).
DELETE FROM import_learner_key;

-- The secret used when none is configured (forsa.import.key-secret, from the environment or a Kubernetes Secret):
-- generated once per database, so that every replica computes the same keys.
CREATE TABLE server_secret (
    name   varchar(40) PRIMARY KEY,
    value  varchar(200) NOT NULL
);
INSERT INTO server_secret (name, value)
    VALUES ('import-key', replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
