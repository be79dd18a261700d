package ma.forsa.grant;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The access_grant table, for writes only (grants are never changed once made; they expire). */
@Entity
@Table(name = "access_grant")
public class AccessGrantEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;

    @Column(name = "officer_subject", nullable = false, length = 200)
    public String officerSubject;

    @Column(name = "academy_code", nullable = false, length = 8)
    public String academyCode;

    @Column(name = "learner_id", nullable = false)
    public UUID learnerId;

    @Column(length = 500)
    public String reason;

    @Column(name = "granted_at", nullable = false)
    public Instant grantedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "request_id", length = 64)
    public String requestId;
}
