package ma.forsa.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** forsa.retention.*: how long a learner's identity is kept after their last activity. */
@ConfigMapping(prefix = "forsa.retention")
public interface RetentionConfig {

    /** Years without an open enrollment, an enrollment start or exit, an outcome follow-up or an edit. */
    @WithDefault("5")
    int years();

    /** Learners anonymised per transaction. */
    @WithDefault("500")
    int batchSize();

    /** Most learner ids listed in a dry run's answer (the count is always exact). */
    @WithDefault("1000")
    int dryRunListLimit();

    /** Run the rule periodically (ISO-8601 duration, e.g. P1D); unset: only on demand (POST /admin/retention/run). */
    java.util.Optional<java.time.Duration> runEvery();
}
