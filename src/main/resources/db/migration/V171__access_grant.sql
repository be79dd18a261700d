-- Break the glass (issue 17, docs/casework.md): an ACADEMY_OFFICER reads one learner's identity only under a live
-- access grant it requested with a reason. security/IdentityGrants loads the caller's live grants once per request;
-- every READ_PERSONAL event made under a grant carries its id (changes.grantId).
CREATE TABLE access_grant (
    id               uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
    officer_subject  varchar(200)  NOT NULL,
    academy_code     varchar(8)    NOT NULL REFERENCES academy (code),
    learner_id       uuid          NOT NULL REFERENCES learner (id),
    -- why the officer needs the identity (free text: erased with the learner by the retention rule)
    reason           varchar(500),
    granted_at       timestamptz   NOT NULL,
    expires_at       timestamptz   NOT NULL,
    request_id       varchar(64),
    CONSTRAINT access_grant_term_check CHECK (expires_at > granted_at)
);
CREATE INDEX access_grant_officer_idx ON access_grant (officer_subject, expires_at);
CREATE INDEX access_grant_learner_idx ON access_grant (learner_id);
CREATE INDEX access_grant_granted_at_idx ON access_grant (granted_at, id);
-- The personal reads made under each grant (READ_PERSONAL events carrying changes.grantId), counted for ADMIN.
CREATE INDEX audit_event_grant_idx ON audit_event ((changes ->> 'grantId')) WHERE action = 'READ_PERSONAL' AND changes IS NOT NULL;
