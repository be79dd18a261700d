package ma.forsa.consent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** forsa.consent.*: guardian consent. */
@ConfigMapping(prefix = "forsa.consent")
public interface ConsentConfig {

    /** The age from which a learner gives consent itself (givenBy: LEARNER), on the date it is given. */
    @WithDefault("18")
    int ageOfMajority();
}
