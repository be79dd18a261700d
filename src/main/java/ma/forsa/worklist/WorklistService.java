package ma.forsa.worklist;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import ma.forsa.common.ApiException;
import ma.forsa.common.Clocks;
import ma.forsa.common.Ids;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.enrollment.EligibilityConfig;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Disclosure;
import ma.forsa.security.Tally;
import ma.forsa.security.Role;

/**
 * The follow-up worklist (READ_CASEWORK) and the directorate's view of follow-up completion (READ_STATISTICS): for
 * MINISTRY, completion goes through the disclosure rule like a statistics table ({@link CompletionTable}); the other
 * roles see exact figures of their scope.
 */
@ApplicationScoped
public class WorklistService {

    /** Longest period of the completion view, in months. */
    static final int MAX_MONTHS = 36;

    private final WorklistRepository repository;
    private final WorklistRules.Windows windows;
    private final int maxAge;
    private final Clock clock;
    private final Disclosure disclosure;

    @Inject
    public WorklistService(WorklistRepository repository, WorklistConfig config, EligibilityConfig eligibility, Clock clock,
            Disclosure disclosure) {
        this.repository = repository;
        this.disclosure = disclosure;
        this.windows = WorklistRules.Windows.of(config);
        this.maxAge = eligibility.maxAge();
        this.clock = clock;
    }

    /**
     * A count of the worklist: null when withheld from the caller. MINISTRY has no READ_CASEWORK (the worklist is
     * records), so today every caller of the worklist sees its exact counts; follow-up completion, which MINISTRY reads,
     * goes through the full rule ({@link CompletionTable}).
     */
    Integer disclosed(AccessScope scope, int count) {
        return !disclosure.appliesTo(scope) || disclosure.shows(Tally.of(count)) ? count : null;
    }

    LocalDate today() {
        return Clocks.today(clock);
    }

    WorklistRules.Windows windows() {
        return windows;
    }

    /** The caller's worklist, narrowed by the filter (ids checked here; out-of-scope ids simply match nothing). */
    public Worklist worklist(WorklistFilter filter) {
        UUID center = filter == null || filter.centerId() == null ? null : Ids.parseInput(filter.centerId(), "centerId");
        UUID association = filter == null || filter.associationId() == null ? null
                : Ids.parseInput(filter.associationId(), "associationId");
        return new Worklist(today(), center, association);
    }

    WorklistRepository.Query query(AccessScope scope, Worklist w) {
        return new WorklistRepository.Query(scope, w.asOf(), windows, maxAge, w.centerId(), w.associationId());
    }

    public Uni<List<WorklistItem>> page(AccessScope scope, Worklist w, WorklistKind kind, WorklistOrder order, PageRequest page) {
        return repository.page(query(scope, w), kind, order == null ? WorklistOrder.DUE_FIRST : order, page);
    }

    public Uni<Integer> count(AccessScope scope, Worklist w, WorklistKind kind) {
        return repository.count(query(scope, w), kind).map(n -> disclosed(scope, n));
    }

    public Uni<List<WorklistCount>> counts(AccessScope scope, Worklist w) {
        List<Uni<WorklistCount>> all = new ArrayList<>();
        for (WorklistKind kind : WorklistKind.values()) {
            all.add(count(scope, w, kind).map(n -> new WorklistCount(kind, n)));
        }
        return Uni.join().all(all).andFailFast();
    }

    /** Follow-up completion by academy (or association); MINISTRY under the disclosure rule. */
    public Uni<List<FollowUpCompletion>> completion(AccessScope scope, FollowUpCompletionFilter filter, FollowUpGroup group) {
        YearMonth to = month("toMonth", filter == null ? null : filter.toMonth(), YearMonth.from(today()).minusMonths(1));
        YearMonth from = month("fromMonth", filter == null ? null : filter.fromMonth(), to.minusMonths(11));
        if (from.isAfter(to) || from.plusMonths(MAX_MONTHS - 1).isBefore(to)) {
            throw ApiException.validation("fromMonth", "fromMonth must be on or before toMonth, at most " + MAX_MONTHS
                    + " months before it.");
        }
        String academy = filter == null || filter.academyCode() == null || filter.academyCode().isBlank() ? null
                : filter.academyCode().strip();
        if (academy != null && academy.length() > 8) {
            throw ApiException.validation("academyCode", "academyCode is an academy code, e.g. MS.");
        }
        if (disclosure.appliesTo(scope)) {
            int first = Disclosure.month(from.atDay(1));
            int last = Disclosure.month(to.atDay(1));
            return repository.completionByMonth(scope, windows.followUpDays())
                    .map(atoms -> CompletionTable.disclosed(disclosure, group, first, last, academy, atoms));
        }
        WorklistRules.Range closed = new WorklistRules.Range(from.atDay(1), to.atEndOfMonth());
        return repository.completion(scope, closed, windows.followUpDays(), academy).map(rows -> {
            Map<String, int[]> byAcademy = new LinkedHashMap<>();
            List<FollowUpCompletion> out = new ArrayList<>();
            for (WorklistRepository.Completion c : rows) {
                if (group == FollowUpGroup.ASSOCIATION) {
                    out.add(row(c.academyCode(), c.associationId().toString(), c.associationName(), c.due(), c.onTime()));
                } else {
                    int[] sums = byAcademy.computeIfAbsent(c.academyCode(), k -> new int[2]);
                    sums[0] += c.due();
                    sums[1] += c.onTime();
                }
            }
            byAcademy.forEach((code, sums) -> out.add(row(code, null, null, sums[0], sums[1])));
            return out;
        });
    }

    /** A row of exact figures (callers the disclosure rule does not apply to). */
    private static FollowUpCompletion row(String academy, String association, String name, int due,
            int onTime) {
        return new FollowUpCompletion(academy, association, name, due, onTime, due == 0 ? null : (double) onTime / due, false);
    }

    private static YearMonth month(String field, String value, YearMonth fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return YearMonth.parse(value.length() > 7 ? "?" : value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.validation(field, field + " is a month written YYYY-MM, e.g. 2026-01.");
        }
    }
}
