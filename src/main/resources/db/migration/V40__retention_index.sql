-- The retention job looks for learners not yet anonymised and untouched for years (see privacy/RetentionJob).
CREATE INDEX learner_retention_idx ON learner (updated_at) WHERE anonymised_at IS NULL;
