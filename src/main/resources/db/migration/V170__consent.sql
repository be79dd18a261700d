-- Guardian consent (issue 17, docs/casework.md "Guardian consent"): one row per consent given for a learner, by the
-- guardian or by the learner once of age, on a date, for one or more purposes; withdrawn as a whole on a date.
-- The purposes in force are those of the learner's records not withdrawn (consent/ConsentRules).
CREATE TABLE consent_record (
    id            uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    learner_id    uuid         NOT NULL REFERENCES learner (id),
    given_by      varchar(8)   NOT NULL CHECK (given_by IN ('GUARDIAN', 'LEARNER')),
    given_on      date         NOT NULL,
    purposes      varchar(32)[] NOT NULL
                  CHECK (cardinality(purposes) > 0
                         AND purposes <@ ARRAY['REGISTRATION_AND_FOLLOW_UP', 'CONTACT_AFTER_EXIT',
                                               'SHARING_ON_REFERRAL']::varchar(32)[]),
    withdrawn_on  date,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    version       integer      NOT NULL DEFAULT 0,
    CONSTRAINT consent_record_withdrawal_check CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
);
CREATE INDEX consent_record_learner_idx ON consent_record (learner_id);

-- The consent date of the learner form and of the import ("Date du consentement"): a guardian's consent for
-- REGISTRATION_AND_FOLLOW_UP on that date, unless the learner already has a consent record of that date. One
-- set-based statement for a batch (consent/ConsentImport calls it); returns the records made.
CREATE FUNCTION consent_from_dates(learners uuid[], dates date[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    made integer;
BEGIN
    INSERT INTO consent_record (learner_id, given_by, given_on, purposes)
    SELECT DISTINCT d.learner, 'GUARDIAN', d.given_on, ARRAY['REGISTRATION_AND_FOLLOW_UP']::varchar(32)[]
      FROM unnest(learners, dates) AS d(learner, given_on)
     WHERE d.learner IS NOT NULL AND d.given_on IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM consent_record c WHERE c.learner_id = d.learner AND c.given_on = d.given_on);
    GET DIAGNOSTICS made = ROW_COUNT;
    RETURN made;
END
$$;

-- learner.consent_recorded_on (Learner.consentRecordedOn, LearnerInput.consentRecordedOn) shows the latest consent:
-- a date written there becomes a consent record (above), and the column never goes back below the latest record
-- (a learner form sent without the date does not erase the consent: withdrawal is withdrawConsent).
CREATE FUNCTION learner_consent_date_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.consent_recorded_on := greatest(NEW.consent_recorded_on,
                                        (SELECT max(c.given_on) FROM consent_record c WHERE c.learner_id = NEW.id));
    RETURN NEW;
END
$$;
CREATE FUNCTION learner_consent_date_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM consent_from_dates(ARRAY[NEW.id], ARRAY[NEW.consent_recorded_on]);
    RETURN NULL;
END
$$;
CREATE TRIGGER learner_consent_date_kept BEFORE UPDATE OF consent_recorded_on ON learner
    FOR EACH ROW WHEN (NEW.anonymised_at IS NULL) EXECUTE FUNCTION learner_consent_date_kept();
CREATE TRIGGER learner_consent_date_inserted AFTER INSERT ON learner
    FOR EACH ROW WHEN (NEW.consent_recorded_on IS NOT NULL) EXECUTE FUNCTION learner_consent_date_recorded();
CREATE TRIGGER learner_consent_date_updated AFTER UPDATE OF consent_recorded_on ON learner
    FOR EACH ROW WHEN (NEW.consent_recorded_on IS NOT NULL AND NEW.consent_recorded_on IS DISTINCT FROM OLD.consent_recorded_on)
    EXECUTE FUNCTION learner_consent_date_recorded();

-- The consent dates recorded before consent records existed.
SELECT consent_from_dates(array_agg(id), array_agg(consent_recorded_on))
  FROM learner WHERE consent_recorded_on IS NOT NULL AND anonymised_at IS NULL;
