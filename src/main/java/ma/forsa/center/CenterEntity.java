package ma.forsa.center;

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

/** The centre row, for writes ({@link CenterRepository}). */
@Entity
@Table(name = "center")
public class CenterEntity {

    @Id
    public UUID id;

    @Column(nullable = false, length = 32)
    public String code;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "association_id", nullable = false)
    public UUID associationId;

    @Column(name = "province_code", nullable = false, length = 8)
    public String provinceCode;

    @Column(length = 120)
    public String commune;

    @Column(length = 300)
    public String address;

    @Column(nullable = false)
    public int capacity;

    @Column(name = "opened_on")
    public LocalDate openedOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    public CenterStatus status;

    @org.hibernate.annotations.CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(nullable = false)
    public int version;

    Center toRecord() {
        return new Center(id.toString(), code, name, associationId.toString(), provinceCode, commune, address, capacity, openedOn,
                status, version);
    }
}
