package ma.forsa.agreement;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Amendment entity writes (Panache), inside the agreement service's transactions. */
@ApplicationScoped
public class AmendmentRepository implements PanacheRepositoryBase<AmendmentEntity, UUID> {

    /** The next sequence number of the agreement's amendments (the caller holds the agreement's row lock). */
    public Uni<Integer> nextSeq(UUID agreementId) {
        return list("agreementId", agreementId).map(all -> all.stream().mapToInt(m -> m.seq).max().orElse(0) + 1);
    }
}
