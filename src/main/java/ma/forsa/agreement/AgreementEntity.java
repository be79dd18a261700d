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

/** The agreement row, for writes. Reads go through {@link AgreementQueries}. */
@Entity
@Table(name = "agreement")
public class AgreementEntity {

    @Id
    public UUID id;

    @Column(nullable = false, length = 60)
    public String reference;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public AgreementKind kind;

    /** As stored; callers see {@link AgreementRules#effectiveStatus}. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    public AgreementStatus status;

    @Column(name = "academy_code", nullable = false, length = 8)
    public String academyCode;

    @Column(name = "association_id", nullable = false)
    public UUID associationId;

    @Column(name = "signed_on")
    public LocalDate signedOn;

    @Column(name = "starts_on", nullable = false)
    public LocalDate startsOn;

    @Column(name = "ends_on", nullable = false)
    public LocalDate endsOn;

    @Column(nullable = false, precision = 14, scale = 2)
    public BigDecimal budget;

    @Column(name = "target_beneficiaries", nullable = false)
    public int targetBeneficiaries;

    @Column(name = "target_integration_rate")
    public Double targetIntegrationRate;

    @Column(name = "status_reason", length = 500)
    public String statusReason;

    @org.hibernate.annotations.CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(nullable = false)
    public int version;

    AgreementStatus effectiveStatus(LocalDate today) {
        return AgreementRules.effectiveStatus(status, endsOn, today);
    }

    Agreement toRecord(LocalDate today) {
        return new Agreement(id.toString(), reference, kind, effectiveStatus(today), academyCode, associationId.toString(),
                signedOn, startsOn, endsOn, budget, targetBeneficiaries, targetIntegrationRate, statusReason, version);
    }
}
