-- Issue 18: stats_fact_delta holds each transaction's pending fact changes until its commit, which deletes them. Every
-- read of "my rows" scanned the table's dead rows as well (those of every transaction committed since the last
-- vacuum): an import of 50,000 rows left 55,000 dead rows, scanned again at each chunk's commit. The rows now carry
-- their transaction id, and every read and delete goes through an index on it (R__statistics.sql).
ALTER TABLE stats_fact_delta ADD COLUMN xid bigint NOT NULL DEFAULT txid_current();
CREATE INDEX stats_fact_delta_xid_idx ON stats_fact_delta (xid);
-- Vacuumed early and often: its rows live for one transaction.
ALTER TABLE stats_fact_delta SET (autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0);
