package ma.forsa.audit;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;

import org.hibernate.type.SqlTypes;

/** One line of the append-only audit trail. Never updated: the database refuses it. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @org.hibernate.annotations.CreationTimestamp
    @Column(nullable = false, updatable = false)
    public Instant at;

    @Column(nullable = false, length = 200)
    public String subject;

    @Column(length = 40)
    public String role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public AuditAction action;

    @Column(nullable = false, length = 40)
    public String entity;

    @Column(name = "entity_id", length = 64)
    public String entityId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> changes;

    @Column(name = "request_id", length = 64)
    public String requestId;
}
