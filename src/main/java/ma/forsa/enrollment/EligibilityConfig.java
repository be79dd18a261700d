package ma.forsa.enrollment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** forsa.eligibility.*: the ages (on the enrollment date, inclusive) at which a learner may be enrolled. */
@ConfigMapping(prefix = "forsa.eligibility")
public interface EligibilityConfig {

    @WithDefault("13")
    int minAge();

    @WithDefault("22")
    int maxAge();
}
