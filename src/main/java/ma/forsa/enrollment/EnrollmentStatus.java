package ma.forsa.enrollment;

import java.util.List;
import java.util.Map;

public enum EnrollmentStatus {
    ENROLLED, ACTIVE, COMPLETED, DROPPED_OUT, TRANSFERRED;

    /** Status changes made by transitionEnrollment (TRANSFERRED is reached through transferEnrollment only). */
    private static final Map<EnrollmentStatus, List<EnrollmentStatus>> NEXT = Map.of(
            ENROLLED, List.of(ACTIVE, DROPPED_OUT),
            ACTIVE, List.of(COMPLETED, DROPPED_OUT),
            COMPLETED, List.of(),
            DROPPED_OUT, List.of(),
            TRANSFERRED, List.of());

    public List<EnrollmentStatus> next() {
        return NEXT.get(this);
    }

    /** ENROLLED and ACTIVE: the learner is in the centre (counts towards occupancy). */
    public boolean isOpen() {
        return this == ENROLLED || this == ACTIVE;
    }

    /** COMPLETED and DROPPED_OUT: the learner has left the programme (outcomes may be recorded). */
    public boolean hasEnded() {
        return this == COMPLETED || this == DROPPED_OUT;
    }

    public static final List<String> OPEN = List.of(ENROLLED.name(), ACTIVE.name());
}
