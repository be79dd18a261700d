package ma.forsa.stats;

import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;
import ma.forsa.agreement.Agreement;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Requires;

@GraphQLApi
public class StatisticsApi {

    private final StatisticsService statistics;
    private final DirectorateService directorate;
    private final CurrentAccess access;

    @Inject
    public StatisticsApi(StatisticsService statistics, DirectorateService directorate, CurrentAccess access) {
        this.statistics = statistics;
        this.directorate = directorate;
        this.access = access;
    }

    @Query("statistics")
    @Requires(Action.READ_STATISTICS)
    @Description("Counts of enrollments by the given dimensions, in the caller's scope (see README \"Statistics\").")
    public Uni<@NonNull List<@NonNull StatsRow>> statistics(@Name("groupBy") @NonNull List<@NonNull StatsDimension> groupBy,
            @Name("filter") StatsFilter filter) {
        return statistics.statistics(access.require(), groupBy, filter);
    }

    static final String AFTER = "The id of the last item of the previous page (agreement, tranche or centre id): the list continues "
            + "after it, in the same order.";

    @Query("agreementsBehindTarget")
    @Requires(Action.READ_STATISTICS)
    @Description("Agreements in force behind their beneficiary target (pro rata of the elapsed term) or their "
            + "integration target, soonest ending first.")
    public Uni<@NonNull List<@NonNull AgreementTargetGap>> agreementsBehindTarget(@Name("first") Integer first,
            @Name("after") @Description(AFTER) String after) {
        return directorate.agreementsBehindTarget(access.require(), first, after);
    }

    @Query("tranchesDue")
    @Requires(Action.READ_STATISTICS)
    @Description("Planned (unpaid) tranches due between from and to inclusive, by due date.")
    public Uni<@NonNull List<@NonNull DueTranche>> tranchesDue(@Name("from") @NonNull LocalDate from,
            @Name("to") @NonNull LocalDate to, @Name("first") Integer first, @Name("after") @Description(AFTER) String after) {
        return directorate.tranchesDue(access.require(), from, to, first, after);
    }

    @Query("agreementsExpiring")
    @Requires(Action.READ_STATISTICS)
    @Description("Agreements in force whose end date falls within the next withinDays days (today included).")
    public Uni<@NonNull List<@NonNull Agreement>> agreementsExpiring(@Name("withinDays") @DefaultValue("90") int withinDays,
            @Name("first") Integer first, @Name("after") @Description(AFTER) String after) {
        return directorate.agreementsExpiring(access.require(), withinDays, first, after);
    }

    @Query("centersByOccupancy")
    @Requires(Action.READ_STATISTICS)
    @Description("Open centres over capacity (over: true; open enrollments > capacity) or under it (over: false; "
            + "open enrollments < belowRate x capacity).")
    public Uni<@NonNull List<@NonNull CenterOccupancy>> centersByOccupancy(@Name("over") boolean over,
            @Name("belowRate") @DefaultValue("0.5") Double belowRate, @Name("first") Integer first,
            @Name("after") @Description(AFTER) String after) {
        return directorate.centersByOccupancy(access.require(), over, belowRate, first, after);
    }
}
