package ma.forsa.security;

import java.util.Map;
import java.util.UUID;

import ma.forsa.common.ApiException;
import ma.forsa.common.ErrorCode;
import ma.forsa.common.db.Sql.Fragment;
import ma.forsa.common.i18n.Messages;

/**
 * The one decision on writes to a learner (update, enroll, transfer, outcomes, import): where the learner stands for
 * the caller, read under the learner's row lock with {@link #columns}, then {@link #require}: NOT_FOUND when the
 * learner does not exist or lies outside the caller's sight; ANONYMISED when the retention rule erased it; FORBIDDEN
 * when the caller sees it but another association (or academy) follows it.
 */
public final class LearnerWrites {

    /** Where a learner stands for a write by the caller. */
    public record Target(boolean visible, boolean writable, boolean anonymised) {
    }

    private LearnerWrites() {
    }

    /** {@code visible, writable, anonymised} of {@code FROM learner l}, for {@code SELECT}. */
    public static Fragment columns(AccessScope scope, String l) {
        return ScopeSql.learner(scope, l).plus(" AS visible, ").plus(ScopeSql.writableLearners(scope, l))
                .plus(" AS writable, " + l + ".anonymised_at IS NOT NULL AS anonymised");
    }

    public static void require(AccessScope scope, UUID learnerId, Target target) {
        if (target == null || !target.visible()) {
            throw ApiException.notFound("learner", learnerId);
        }
        if (target.anonymised()) {
            throw new ApiException(ErrorCode.ANONYMISED, Messages.text(scope.locale(), "learner.anonymised"));
        }
        if (!target.writable()) {
            throw new ApiException(ErrorCode.FORBIDDEN, Messages.text(scope.locale(), "learner.followedElsewhere"), Map.of());
        }
    }
}
