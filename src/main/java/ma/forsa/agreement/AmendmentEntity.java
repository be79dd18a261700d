package ma.forsa.agreement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A signed change to an agreement; never updated once recorded. */
@Entity
@Table(name = "amendment")
public class AmendmentEntity {

    @Id
    public UUID id;

    @Column(name = "agreement_id", nullable = false)
    public UUID agreementId;

    @Column(nullable = false)
    public int seq;

    @Column(name = "signed_on", nullable = false)
    public LocalDate signedOn;

    @Column(nullable = false, length = 1000)
    public String summary;

    @Column(name = "new_ends_on")
    public LocalDate newEndsOn;

    @Column(name = "new_budget", precision = 14, scale = 2)
    public BigDecimal newBudget;

    @Column(name = "new_target_beneficiaries")
    public Integer newTargetBeneficiaries;

    @Column(name = "new_target_integration_rate")
    public Double newTargetIntegrationRate;

    @Column(name = "previous_ends_on")
    public LocalDate previousEndsOn;

    @Column(name = "previous_budget", precision = 14, scale = 2)
    public BigDecimal previousBudget;

    @Column(name = "previous_target_beneficiaries")
    public Integer previousTargetBeneficiaries;

    @Column(name = "previous_target_integration_rate")
    public Double previousTargetIntegrationRate;

    @org.hibernate.annotations.CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    Amendment toRecord() {
        return new Amendment(id.toString(), seq, signedOn, summary, newEndsOn, newBudget, newTargetBeneficiaries,
                newTargetIntegrationRate, previousEndsOn, previousBudget, previousTargetBeneficiaries,
                previousTargetIntegrationRate, agreementId.toString());
    }
}
