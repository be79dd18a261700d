-- Issue 18: duplicate suspicion in the import asks the database only for learners born the same day whose name is
-- within the edit distance of a row's (levenshtein_less_equal), instead of every learner born that day: at a
-- region's scale (hundreds of thousands of learners) that list grew with the registry and cost most of each chunk.
-- fuzzystrmatch is a trusted extension (PostgreSQL 13+): the database owner may create it, like pg_trgm (V20).
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
