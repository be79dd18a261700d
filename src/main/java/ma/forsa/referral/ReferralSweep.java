package ma.forsa.referral;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import ma.forsa.security.AccessScope;

/**
 * Records unanswered proposals as EXPIRED every {@code forsa.referral.sweep-every} (as privacy/RetentionSchedule does,
 * on a Vert.x timer), under the subject {@value #SUBJECT}. Until it runs, reads already say EXPIRED and answers are
 * refused; replicas sweeping at the same time skip each other's rows (SKIP LOCKED).
 */
@ApplicationScoped
public class ReferralSweep {

    static final String SUBJECT = "forsa-referral-sweep";
    private static final Logger LOG = Logger.getLogger(ReferralSweep.class);

    private final ReferralService service;
    private final Vertx vertx;
    private final Optional<Duration> every;

    @Inject
    public ReferralSweep(ReferralService service, Vertx vertx, ReferralConfig config) {
        this.service = service;
        this.vertx = vertx;
        this.every = config.sweepEvery();
    }

    void start(@Observes StartupEvent event) {
        every.filter(d -> !d.isZero() && !d.isNegative()).ifPresent(d -> vertx.setPeriodic(d.toMillis(), id -> runOnce()));
    }

    void runOnce() {
        service.expire(AccessScope.system(SUBJECT, "referral-sweep-" + UUID.randomUUID())).subscribe().with(n -> {
            if (n > 0) {
                LOG.infof("Referral sweep: %d proposals expired", n);
            }
        }, failure -> LOG.errorf("Referral sweep failed: %s", failure.getClass().getSimpleName()));
    }
}
