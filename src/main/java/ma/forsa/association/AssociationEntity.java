package ma.forsa.association;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.CreationTimestamp;

/** The association row, for writes ({@link AssociationRepository}). */
@Entity
@Table(name = "association")
public class AssociationEntity {

    @Id
    public UUID id;

    @Column(name = "registration_number", nullable = false, length = 40)
    public String registrationNumber;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "province_code", nullable = false, length = 8)
    public String provinceCode;

    @Column(length = 254)
    public String email;

    @Column(length = 32)
    public String phone;

    @Column(name = "network_member", nullable = false)
    public boolean networkMember;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    public AssociationStatus status;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(nullable = false)
    public int version;

    Association toRecord() {
        return new Association(id.toString(), registrationNumber, name, provinceCode, email, phone, networkMember, status, version);
    }
}
