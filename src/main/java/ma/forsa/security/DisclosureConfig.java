package ma.forsa.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** forsa.stats.suppression-threshold: the disclosure rule's threshold (the other forsa.stats keys are stats/StatsConfig). */
@ConfigMapping(prefix = "forsa.stats")
public interface DisclosureConfig {

    /**
     * MINISTRY sees no count of learners between 1 and this minus 1, and no difference in that range between two of
     * its allowed queries ({@link Disclosure}).
     */
    @WithDefault("5")
    int suppressionThreshold();
}
