package ma.forsa.referral;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

/** The referral table, for writes only. */
@Entity
@Table(name = "referral")
public class ReferralEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;

    @Column(name = "learner_id", nullable = false)
    public UUID learnerId;

    @Column(name = "from_enrollment_id", nullable = false)
    public UUID fromEnrollmentId;

    @Column(name = "from_center_id", nullable = false)
    public UUID fromCenterId;

    @Column(name = "to_center_id", nullable = false)
    public UUID toCenterId;

    @Column(length = 500)
    public String reason;

    @Column(name = "proposed_on", nullable = false)
    public LocalDate proposedOn;

    @Column(nullable = false, length = 10)
    public String status;

    @Column(name = "decline_reason", length = 500)
    public String declineReason;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decided_by", length = 200)
    public String decidedBy;

    @Column(name = "new_enrollment_id")
    public UUID newEnrollmentId;

    @Column(name = "proposed_by", nullable = false, length = 200)
    public String proposedBy;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(nullable = false)
    public int version;
}
