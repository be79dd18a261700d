package ma.forsa.privacy;

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
 * Optional periodic run of the retention rule (quarkus-scheduler is not available in this build):
 * {@code forsa.retention.run-every=P1D} runs it daily, under the subject {@value #SUBJECT}. Replicas
 * running it at the same time do not collide (the job locks its rows with SKIP LOCKED).
 */
@ApplicationScoped
public class RetentionSchedule {

    static final String SUBJECT = "forsa-retention-job";
    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class);

    private final RetentionJob job;
    private final Vertx vertx;
    private final Optional<Duration> every;

    @Inject
    public RetentionSchedule(RetentionJob job, Vertx vertx, RetentionConfig config) {
        this.job = job;
        this.vertx = vertx;
        this.every = config.runEvery();
    }

    void start(@Observes StartupEvent event) {
        every.filter(d -> !d.isZero() && !d.isNegative()).ifPresent(d -> {
            LOG.infof("Retention rule runs every %s", d);
            vertx.setPeriodic(d.toMillis(), id -> runOnce());
        });
    }

    void runOnce() {
        AccessScope system = AccessScope.system(SUBJECT, "retention-" + UUID.randomUUID());
        job.run(system, false).subscribe().with(report -> LOG.infof("Retention run: %d learners anonymised", report.learners()),
                failure -> LOG.errorf("Retention run failed: %s", failure.getClass().getSimpleName()));
    }
}
