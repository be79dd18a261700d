package ma.forsa.agreement;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One centre covered by an agreement. */
@Entity
@Table(name = "agreement_center")
@IdClass(AgreementCenterEntity.Key.class)
public class AgreementCenterEntity extends PanacheEntityBase {

    @Id
    @Column(name = "agreement_id", nullable = false)
    public UUID agreementId;

    @Id
    @Column(name = "center_id", nullable = false)
    public UUID centerId;

    public static AgreementCenterEntity of(UUID agreementId, UUID centerId) {
        AgreementCenterEntity e = new AgreementCenterEntity();
        e.agreementId = agreementId;
        e.centerId = centerId;
        return e;
    }

    public static class Key implements Serializable {
        public UUID agreementId;
        public UUID centerId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(agreementId, k.agreementId) && Objects.equals(centerId, k.centerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(agreementId, centerId);
        }
    }
}
