package ma.forsa.enrollment;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Multi;
import io.vertx.core.json.JsonObject;
import ma.forsa.common.ApiException;
import ma.forsa.common.db.Notifications;
import ma.forsa.security.AccessScope;

/**
 * The live enrollment changes of one centre: announced by the trigger of R__notify.sql on channel {@link #CHANNEL}
 * (whoever writes), each read again through the subscriber's scope ({@link EnrollmentRepository#visibleLearner}) so that
 * a change it could not query is never sent.
 */
@ApplicationScoped
public class EnrollmentChanges {

    static final String CHANNEL = "forsa_enrollment";

    private final Notifications notifications;
    private final EnrollmentRepository enrollments;

    @Inject
    public EnrollmentChanges(Notifications notifications, EnrollmentRepository enrollments) {
        this.notifications = notifications;
        this.enrollments = enrollments;
    }

    /** The changes of {@code centerId} from now on; fails with NOT_FOUND at once when the caller does not see the centre. */
    public Multi<EnrollmentChange> of(AccessScope scope, UUID centerId) {
        return enrollments.seesCenter(scope, centerId).onItem().transformToMulti(seen -> {
            if (!seen) {
                return Multi.createFrom().failure(ApiException.notFound("center", centerId));
            }
            return notifications.channel(CHANNEL).onItem().transformToMultiAndConcatenate(payload -> {
                Announced a = parse(payload);
                if (a == null || !a.center().equals(centerId)) {
                    return Multi.createFrom().empty();
                }
                return enrollments.visibleLearner(scope, a.enrollment()).onItem().transformToMulti(learner -> learner == null
                        ? Multi.createFrom().<EnrollmentChange> empty()
                        : Multi.createFrom().item(new EnrollmentChange(a.enrollment().toString(), centerId.toString(),
                                learner.toString(), a.status(), a.kind(), a.at())));
            });
        });
    }

    /** What the trigger announces. */
    record Announced(UUID enrollment, UUID center, EnrollmentChangeKind kind, EnrollmentStatus status, Instant at) {
    }

    static Announced parse(String payload) {
        if (payload == null || payload.isEmpty()) {
            return null;
        }
        try {
            JsonObject o = new JsonObject(payload);
            return new Announced(UUID.fromString(o.getString("e")), UUID.fromString(o.getString("c")),
                    EnrollmentChangeKind.valueOf(o.getString("k")), EnrollmentStatus.valueOf(o.getString("s")),
                    Instant.parse(o.getString("at")));
        } catch (RuntimeException e) {
            return null;
        }
    }

}
