package ma.forsa.agreement;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Tranche entity writes (Panache), inside the agreement service's transactions. */
@ApplicationScoped
public class TrancheRepository implements PanacheRepositoryBase<TrancheEntity, UUID> {

    public Uni<List<TrancheEntity>> ofAgreement(UUID agreementId) {
        return list("agreementId", agreementId);
    }
}
