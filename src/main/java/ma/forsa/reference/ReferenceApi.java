package ma.forsa.reference;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Requires;

@GraphQLApi
public class ReferenceApi {

    private final ReferenceData referenceData;
    private final CurrentAccess access;

    @Inject
    public ReferenceApi(ReferenceData referenceData, CurrentAccess access) {
        this.referenceData = referenceData;
        this.access = access;
    }

    @Query("academies")
    @Requires(Action.READ_REFERENCE)
    @Description("The 12 regional academies (AREF), with their provinces and prefectures.")
    public Uni<@NonNull List<@NonNull Academy>> academies() {
        return referenceData.get().map(s -> List.copyOf(s.allAcademies()));
    }

    public Uni<@NonNull List<@NonNull List<@NonNull Province>>> provinces(@Source List<Academy> academies) {
        return referenceData.get().map(s -> academies.stream().map(a -> s.provincesOf(a.code())).toList());
    }

    public Uni<@NonNull List<@NonNull Academy>> academy(@Source List<Province> provinces) {
        return referenceData.get().map(s -> provinces.stream().map(p -> s.academy(p.academyCode()).orElseThrow()).toList());
    }
}
