package ma.forsa.outcome;

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

/** The outcome table, for writes only. */
@Entity
@Table(name = "outcome")
public class OutcomeEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;

    @Column(name = "enrollment_id", nullable = false)
    public UUID enrollmentId;

    @Column(nullable = false, length = 20)
    public String kind;

    @Column(name = "observed_on", nullable = false)
    public LocalDate observedOn;

    @Column(name = "follow_up_month", nullable = false)
    public int followUpMonth;

    @Column(length = 200)
    public String organization;

    @Column(nullable = false)
    public boolean verified;

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
