package ma.forsa.grant;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** forsa.grants.*: break the glass (access grants of academy officers to one learner's identity). */
@ConfigMapping(prefix = "forsa.grants")
public interface GrantConfig {

    /** How long a grant lasts (ISO-8601 duration, from 5 minutes to 7 days). */
    @WithDefault("PT24H")
    Duration duration();
}
