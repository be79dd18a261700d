-- Referrals between associations (issue 17, docs/casework.md): the sending side proposes moving an open enrollment
-- to a centre of another association; the receiving side accepts (the transfer happens, all or nothing) or declines;
-- a proposal not answered by expires_at expires (computed on read, recorded by a periodic sweep).
CREATE TABLE referral (
    id                  uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
    learner_id          uuid          NOT NULL REFERENCES learner (id),
    from_enrollment_id  uuid          NOT NULL REFERENCES enrollment (id),
    from_center_id      uuid          NOT NULL REFERENCES center (id),
    to_center_id        uuid          NOT NULL REFERENCES center (id),
    -- free text about a minor, read by both sides: erased with the learner by the retention rule
    reason              varchar(500),
    proposed_on         date          NOT NULL,
    status              varchar(10)   NOT NULL DEFAULT 'PROPOSED'
                        CHECK (status IN ('PROPOSED', 'ACCEPTED', 'DECLINED', 'EXPIRED')),
    decline_reason      varchar(500),
    expires_at          timestamptz   NOT NULL,
    decided_at          timestamptz,
    decided_by          varchar(200),
    new_enrollment_id   uuid          REFERENCES enrollment (id),
    proposed_by         varchar(200)  NOT NULL,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    version             integer       NOT NULL DEFAULT 0,
    CONSTRAINT referral_centers_check CHECK (from_center_id <> to_center_id),
    CONSTRAINT referral_accepted_check CHECK ((status = 'ACCEPTED') = (new_enrollment_id IS NOT NULL))
);
-- One open proposal per enrollment.
CREATE UNIQUE INDEX referral_one_proposed_per_enrollment ON referral (from_enrollment_id) WHERE status = 'PROPOSED';
CREATE INDEX referral_from_center_idx ON referral (from_center_id, created_at);
CREATE INDEX referral_to_center_idx ON referral (to_center_id, created_at);
CREATE INDEX referral_learner_idx ON referral (learner_id);
CREATE INDEX referral_expiry_idx ON referral (expires_at) WHERE status = 'PROPOSED';
