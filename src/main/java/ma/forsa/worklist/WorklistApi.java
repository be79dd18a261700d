package ma.forsa.worklist;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import ma.forsa.agreement.Agreement;
import ma.forsa.common.graphql.Selection;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Requires;

/** The follow-up worklist of the caller's scope, and the directorate's view of follow-up completion. */
@GraphQLApi
public class WorklistApi {

    private final CurrentAccess access;
    private final WorklistService service;
    private final WorklistRepository repository;
    private final Selection selection;

    @Inject
    public WorklistApi(CurrentAccess access, WorklistService service, WorklistRepository repository, Selection selection) {
        this.access = access;
        this.service = service;
        this.repository = repository;
        this.selection = selection;
    }

    @Query("worklist")
    @Description("What the caller's centres (or academy) have to do next: follow-ups due and overdue, enrollments not "
            + "started, learners reaching the age limit, tranche reports; counts per kind and a connection per kind by due "
            + "date (docs/casework.md gives each list's membership).")
    @Requires(Action.READ_CASEWORK)
    public @NonNull Worklist worklist(@Name("filter") WorklistFilter filter) {
        access.require();
        return service.worklist(filter);
    }

    @Description("Items per kind in the caller's scope.")
    public Uni<@NonNull List<@NonNull WorklistCount>> counts(@Source Worklist worklist) {
        return service.counts(access.require(), worklist);
    }

    @Description("Follow-ups (3, 6, 12 months after exit) whose recording window (due date +/- forsa.worklist."
            + "follow-up-window-days) is open today, not recorded yet.")
    public Uni<@NonNull WorklistItemConnection> followUpsDue(@Source Worklist worklist, @Name("first") Integer first,
            @Name("after") String after, @Name("order") @DefaultValue("DUE_FIRST") WorklistOrder order) {
        return connection(worklist, WorklistKind.FOLLOW_UP_DUE, first, after, order);
    }

    @Description("Follow-ups whose window closed without an outcome, within forsa.worklist.overdue-horizon-days.")
    public Uni<@NonNull WorklistItemConnection> followUpsOverdue(@Source Worklist worklist, @Name("first") Integer first,
            @Name("after") String after, @Name("order") @DefaultValue("DUE_FIRST") WorklistOrder order) {
        return connection(worklist, WorklistKind.FOLLOW_UP_OVERDUE, first, after, order);
    }

    @Description("Enrollments still ENROLLED more than forsa.worklist.not-started-after-days after their enrollment date "
            + "(due: enrollment date + that many days).")
    public Uni<@NonNull WorklistItemConnection> notStarted(@Source Worklist worklist, @Name("first") Integer first,
            @Name("after") String after, @Name("order") @DefaultValue("DUE_FIRST") WorklistOrder order) {
        return connection(worklist, WorklistKind.NOT_STARTED, first, after, order);
    }

    @Description("Open enrollments of learners who pass forsa.eligibility.max-age on or before the end of their school year "
            + "(31 August of its second year); due: the day they pass it.")
    public Uni<@NonNull WorklistItemConnection> ageLimit(@Source Worklist worklist, @Name("first") Integer first,
            @Name("after") String after, @Name("order") @DefaultValue("DUE_FIRST") WorklistOrder order) {
        return connection(worklist, WorklistKind.AGE_LIMIT, first, after, order);
    }

    @Description("PLANNED tranches with a condition (a report to send) due by today + forsa.worklist.tranche-window-days "
            + "(still listed when late, within the overdue horizon), of agreements SIGNED, ACTIVE or SUSPENDED.")
    public Uni<@NonNull WorklistItemConnection> trancheReports(@Source Worklist worklist, @Name("first") Integer first,
            @Name("after") String after, @Name("order") @DefaultValue("DUE_FIRST") WorklistOrder order) {
        return connection(worklist, WorklistKind.TRANCHE_REPORT, first, after, order);
    }

    private Uni<WorklistItemConnection> connection(Worklist worklist, WorklistKind kind, Integer first, String after,
            WorklistOrder order) {
        AccessScope scope = access.require();
        PageRequest page = PageRequest.of(first, after);
        Uni<Integer> total = selection.wants("totalCount") ? service.count(scope, worklist, kind) : Uni.createFrom().nullItem();
        return Uni.combine().all().unis(service.page(scope, worklist, kind, order, page), total).asTuple().map(t -> {
            Keyset.Page<WorklistItemEdge> p = Keyset.edges(t.getItem1(), page, WorklistItem::id, WorklistItemEdge::new);
            return new WorklistItemConnection(p.edges(), p.info(), t.getItem2());
        });
    }

    @Description("Tranche reports: the agreement of the tranche.")
    public Uni<List<Agreement>> agreement(@Source List<WorklistItem> items) {
        List<UUID> ids = items.stream().map(WorklistItem::agreementId).filter(id -> id != null).toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(items.stream().map(i -> (Agreement) null).toList());
        }
        return repository.agreements(ids, service.today()).map(found -> {
            Map<UUID, Agreement> byId = found.stream().collect(Collectors.toMap(Agreement::uuid, Function.identity()));
            return items.stream().map(i -> i.agreementId() == null ? null : byId.get(i.agreementId())).toList();
        });
    }

    @Query("followUpCompletion")
    @Description("The directorate's view of follow-up completion: per academy (or association), follow-ups whose recording "
            + "window closed in the months given and the share recorded on time, in the caller's scope. MINISTRY: under the "
            + "disclosure rule, like statistics (docs/disclosure.md).")
    @Requires(Action.READ_STATISTICS)
    public Uni<@NonNull List<@NonNull FollowUpCompletion>> followUpCompletion(@Name("filter") FollowUpCompletionFilter filter,
            @Name("groupBy") @DefaultValue("ACADEMY") FollowUpGroup groupBy) {
        return service.completion(access.require(), filter, groupBy == null ? FollowUpGroup.ACADEMY : groupBy);
    }
}
