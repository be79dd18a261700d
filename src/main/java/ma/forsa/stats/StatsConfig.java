package ma.forsa.stats;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** forsa.stats.*: statistics settings (the suppression threshold is the disclosure rule's: security/DisclosureConfig). */
@ConfigMapping(prefix = "forsa.stats")
public interface StatsConfig {

    /** Age bands of the AGE_BAND dimension (age on the enrollment date, inclusive bounds), e.g. 13-15,16-18,19-22. */
    @WithDefault("13-15,16-18,19-22")
    String ageBands();
}
