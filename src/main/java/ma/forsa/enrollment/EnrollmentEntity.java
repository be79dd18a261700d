package ma.forsa.enrollment;

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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.UpdateTimestamp;
import org.hibernate.type.SqlTypes;

/** The enrollment table, for writes only. */
@Entity
@Table(name = "enrollment")
public class EnrollmentEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;

    @Column(name = "learner_id", nullable = false)
    public UUID learnerId;

    @Column(name = "center_id", nullable = false)
    public UUID centerId;

    @Column(name = "agreement_id")
    public UUID agreementId;

    @Column(name = "school_year", nullable = false, length = 9)
    public String schoolYear;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "varchar(20)[]")
    public String[] strands;

    @Column(name = "vocational_field", length = 120)
    public String vocationalField;

    @Column(nullable = false, length = 12)
    public String status;

    @Column(name = "enrolled_on", nullable = false)
    public LocalDate enrolledOn;

    @Column(name = "exited_on")
    public LocalDate exitedOn;

    @Column(name = "exit_reason", length = 500)
    public String exitReason;

    @Column(name = "transferred_from_id")
    public UUID transferredFromId;

    @Column(name = "capacity_override", nullable = false)
    public boolean capacityOverride;

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
