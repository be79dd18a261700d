package ma.forsa.referral;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** forsa.referral.*: referrals between associations. */
@ConfigMapping(prefix = "forsa.referral")
public interface ReferralConfig {

    /** How long a proposal waits for the receiving association's answer before it expires (ISO-8601, P1D to P90D). */
    @WithDefault("P14D")
    Duration expireAfter();

    /** How often expired proposals are recorded as EXPIRED (ISO-8601); unset: only on read (their status says EXPIRED). */
    Optional<Duration> sweepEvery();
}
