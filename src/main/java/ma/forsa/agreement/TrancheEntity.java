package ma.forsa.agreement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "tranche")
public class TrancheEntity {

    @Id
    public UUID id;

    @Column(name = "agreement_id", nullable = false)
    public UUID agreementId;

    @Column(nullable = false)
    public int seq;

    @Column(nullable = false, precision = 14, scale = 2)
    public BigDecimal amount;

    @Column(name = "due_on", nullable = false)
    public LocalDate dueOn;

    @Column(length = 500)
    public String condition;

    @Column(name = "paid_on")
    public LocalDate paidOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public TrancheStatus status;

    @org.hibernate.annotations.CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(nullable = false)
    public int version;

    Tranche toRecord() {
        return new Tranche(id.toString(), seq, amount, dueOn, paidOn, condition, status, agreementId.toString(), version);
    }
}
