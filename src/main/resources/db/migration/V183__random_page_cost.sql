-- Issue 13: the registry's working set is in memory (and on SSD), where a random page read costs about a sequential
-- one; with PostgreSQL's default random_page_cost of 4 the planner read every learner (a sequential scan and a hash)
-- to count the 1,170 learners of one centre among 100,000 (29 ms), where probing them through the primary key takes
-- 6 ms. The database keeps 1.1 (the usual value for SSD) for every new session; k8s/postgres-cluster.yaml sets the
-- same on the server. A migration user that does not own the database leaves the server's setting (a notice).
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET random_page_cost = 1.1', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'random_page_cost left to the server: the migration user does not own database %', current_database();
END
$$;
