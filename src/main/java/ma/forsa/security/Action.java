package ma.forsa.security;

/**
 * What an operation does, as the one policy table ({@link Policy}) sees it. Every GraphQL root field and every
 * REST endpoint names the action it performs ({@link Requires}); the security matrix test checks each of them
 * for each role. {@code write}: refused to staff of a SUSPENDED association. {@code learnerData}: refused to
 * staff of a DISSOLVED (or unknown) association.
 */
public enum Action {
    /** Academies and provinces; the caller's own identity. */
    READ_REFERENCE(false, false),
    /** Associations, agreements (tranches, amendments, progress), centres. */
    READ_PARTNERS(false, false),
    MANAGE_ASSOCIATIONS(true, false),
    MANAGE_CENTERS(true, false),
    /** CENTER_MANAGEMENT agreements, their tranches and amendments. */
    MANAGE_AGREEMENTS(true, false),
    /** FRAMEWORK agreements, their tranches and amendments. */
    MANAGE_FRAMEWORK_AGREEMENTS(true, false),
    /** Lists of learners, enrollments and outcomes: their counts (MINISTRY, through the disclosure rule). */
    READ_LEARNERS(false, true),
    /**
     * Learners, enrollments and outcomes as records (rows). Not MINISTRY: it reads learners as figures only, since
     * rows, even pseudonymised, would let it count what the disclosure rule withholds (docs/disclosure.md).
     */
    READ_LEARNER_RECORDS(false, true),
    /** Names, MASSAR code, CIN, guardian and phone of a learner. */
    READ_LEARNER_IDENTITY(false, true),
    /** Free-text reasons (exit, dropout) and disability: the following association's staff and ADMIN only. */
    READ_SENSITIVE(false, true),
    /** Register and update learners. */
    WRITE_LEARNERS(true, true),
    /** Enroll, transition and transfer enrollments. */
    WRITE_ENROLLMENTS(true, true),
    WRITE_OUTCOMES(true, true),
    /** Bulk import of learners with their enrollments (REST /imports). */
    IMPORT_LEARNERS(true, true),
    /** Read import reports and download the template. */
    READ_IMPORTS(false, false),
    /** statistics, directorate lists and their exports (numbers under the disclosure rule for MINISTRY). */
    READ_STATISTICS(false, false),
    /** Audit trails of partner records (associations, agreements, tranches, amendments, centres). */
    READ_PARTNER_AUDIT(false, false),
    /** Audit trails of learners, enrollments and outcomes. */
    READ_LEARNER_AUDIT(false, true),
    /** The retention rule (anonymisation). */
    RUN_RETENTION(true, true),
    /** Everything held about one learner (subject access request). */
    EXPORT_SUBJECT_ACCESS(false, true),
    /** The follow-up worklist and its exports, referrals, consent records (docs/casework.md). */
    READ_CASEWORK(false, true),
    /** Propose, accept and decline referrals between associations. */
    WRITE_REFERRALS(true, true),
    /** Record and withdraw guardian consent. */
    WRITE_CONSENTS(true, true),
    /** Break the glass: a time-limited grant to read one learner's identity, with a reason (ACADEMY_OFFICER). */
    REQUEST_LEARNER_ACCESS(false, true),
    /** The access grants of officers, with their counts. */
    READ_ACCESS_GRANTS(false, false),
    /** Dev mode only (the endpoint is absent from production builds): signed tokens for trying the API. No token needed. */
    ISSUE_DEV_TOKEN(false, false);

    private final boolean write;
    private final boolean learnerData;

    Action(boolean write, boolean learnerData) {
        this.write = write;
        this.learnerData = learnerData;
    }

    public boolean isWrite() {
        return write;
    }

    public boolean touchesLearnerData() {
        return learnerData;
    }

    /** Actions run without a token (see {@link Policy#PUBLIC}). */
    public boolean isPublic() {
        return Policy.PUBLIC.contains(this);
    }
}
