-- Learners registry (learner, enrollment, outcome): who registered a learner, and a normalised
-- search key over the Latin and Arabic names.
--
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. It is shipped
-- with the local PostgreSQL 15 and with the embedded (zonky) PostgreSQL 14 binaries.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The association whose staff registered the learner: until the learner's first enrollment, this
-- is what makes the learner visible (and editable) to that association.
ALTER TABLE learner ADD COLUMN registered_by_association_id uuid REFERENCES association (id);
CREATE INDEX learner_registered_by_idx ON learner (registered_by_association_id)
    WHERE registered_by_association_id IS NOT NULL;

-- Normalised (lower case, no Latin accents, no Arabic diacritics or tatweel, unified alef / yeh /
-- teh marbuta) concatenation of first and last names in Latin and Arabic script, written by the
-- service. Free-text search is a LIKE '%token%' per token, served by the trigram index.
ALTER TABLE learner ADD COLUMN search_key varchar(600);
CREATE INDEX learner_search_key_trgm_idx ON learner USING gin (search_key gin_trgm_ops);

-- Keyset order of the learners list, and the candidates of duplicate detection.
CREATE INDEX learner_list_order_idx ON learner ((coalesce(name_key, '')), id);
CREATE INDEX learner_birth_date_idx ON learner (birth_date);

-- The centre's enrollments list in its keyset order.
CREATE INDEX enrollment_center_list_idx ON enrollment (center_id, enrolled_on DESC, id DESC);
