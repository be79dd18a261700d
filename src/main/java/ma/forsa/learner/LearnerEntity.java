package ma.forsa.learner;

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

/** The learner table, for writes only (reads go through the reactive SQL client). */
@Entity
@Table(name = "learner")
public class LearnerEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;

    @Column(name = "massar_code", length = 20)
    public String massarCode;

    @Column(length = 12)
    public String cin;

    @Column(name = "first_name", length = 100)
    public String firstName;

    @Column(name = "last_name", length = 100)
    public String lastName;

    @Column(name = "first_name_ar", length = 100)
    public String firstNameAr;

    @Column(name = "last_name_ar", length = 100)
    public String lastNameAr;

    @Column(name = "name_key", length = 300)
    public String nameKey;

    @Column(name = "search_key", length = 600)
    public String searchKey;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;

    @Column(nullable = false, length = 6)
    public String sex;

    @Column(name = "province_of_residence_code", length = 8)
    public String provinceOfResidenceCode;

    @Column(name = "guardian_name", length = 200)
    public String guardianName;

    @Column(name = "guardian_phone", length = 32)
    public String guardianPhone;

    @Column(nullable = false)
    public boolean disability;

    @Column(name = "last_grade_completed", length = 40)
    public String lastGradeCompleted;

    @Column(name = "left_school_year")
    public Integer leftSchoolYear;

    @Column(name = "dropout_reason", length = 500)
    public String dropoutReason;

    @Column(name = "consent_recorded_on")
    public LocalDate consentRecordedOn;

    @Column(name = "anonymised_at")
    public Instant anonymisedAt;

    @Column(name = "registered_by_association_id")
    public UUID registeredByAssociationId;

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
