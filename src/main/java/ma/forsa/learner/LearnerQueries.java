package ma.forsa.learner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import ma.forsa.common.ApiException;
import ma.forsa.common.Cursor;
import ma.forsa.common.Ids;
import ma.forsa.common.PageInfo;
import ma.forsa.common.PageRequest;
import ma.forsa.common.Sql;
import ma.forsa.security.AccessScope;

/** Reads of learners, always confined to the caller's scope in SQL. */
@ApplicationScoped
public class LearnerQueries {

    private static final int MAX_SEARCH_WORDS = 6;
    /** Sort key of the list for viewers who see names. */
    private static final String NAME_ORDER = "coalesce(l.name_key, '')";

    private final Reads reads;

    @Inject
    public LearnerQueries(Reads reads) {
        this.reads = reads;
    }

    public Uni<LearnerConnection> page(AccessScope scope, LearnerFilter filter, Integer first, String after) {
        PageRequest page = PageRequest.of(first, after, 2);
        Sql sql = filtered(scope, filter);
        // A pseudonymised viewer gets the list in id order: an alphabetical order (and its cursors)
        // would leak the names.
        String sortKey = scope.seesLearnerIdentity() ? NAME_ORDER : "CAST('' AS varchar)";
        String countSql = "SELECT count(*) AS total FROM learner l" + sql.where();
        Tuple countParams = Tuple.from(sql.params());
        if (page.hasCursor()) {
            UUID afterId = Ids.parseInput(page.after().get(1), "after");
            sql.and("(" + sortKey + ", l.id) > (?, ?)", scope.seesLearnerIdentity() ? page.after().get(0) : "", afterId);
        }
        String pageSql = "SELECT " + LearnerRow.COLUMNS + ", " + sortKey + " AS sort_key FROM learner l" + sql.where()
                + " ORDER BY " + sortKey + ", l.id LIMIT " + sql.param(page.limit());
        return reads.query(countSql, countParams).chain(count -> {
            int total = count.iterator().next().getLong("total").intValue();
            return reads.query(pageSql, sql.tuple()).map(rows -> {
                List<LearnerEdge> edges = new ArrayList<>();
                boolean more = false;
                for (Row r : rows) {
                    if (edges.size() == page.first()) {
                        more = true;
                        break;
                    }
                    LearnerRow row = LearnerRow.from(r);
                    edges.add(new LearnerEdge(Cursor.encode(r.getString("sort_key"), row.id()), LearnerView.of(row, scope)));
                }
                String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
                return new LearnerConnection(edges, new PageInfo(more, end), total);
            });
        });
    }

    private static Sql filtered(AccessScope scope, LearnerFilter filter) {
        Sql sql = LearnerAccess.visibleLearners(new Sql(), scope);
        sql.and("l.anonymised_at IS NULL");
        if (filter == null) {
            return sql;
        }
        if (filter.centerId() != null) {
            UUID center = Ids.parseInput(filter.centerId(), "centerId");
            sql.and("EXISTS (SELECT 1 FROM enrollment fe WHERE fe.learner_id = l.id AND fe.center_id = ?)", center);
        }
        if (filter.academyCode() != null) {
            sql.and("EXISTS (SELECT 1 FROM enrollment fe JOIN center fc ON fc.id = fe.center_id "
                    + "JOIN province fp ON fp.code = fc.province_code WHERE fe.learner_id = l.id AND fp.academy_code = ?)",
                    filter.academyCode());
        }
        if (filter.sex() != null) {
            sql.and("l.sex = ?", filter.sex().name());
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            if (!scope.seesLearnerIdentity()) {
                throw ApiException.forbidden("Your role sees learners pseudonymised and cannot search them by name: "
                        + "remove filter.search.");
            }
            List<String> words = Names.tokens(filter.search(), MAX_SEARCH_WORDS);
            if (words.isEmpty()) {
                throw ApiException.validation("search", "search must contain at least one letter or digit.");
            }
            for (String word : words) {
                sql.and("l.search_key LIKE ?", "%" + word + "%");
            }
        }
        return sql;
    }

    public Uni<Optional<LearnerRow>> byId(AccessScope scope, UUID id) {
        Sql sql = LearnerAccess.visibleLearners(new Sql(), scope);
        sql.and("l.id = ?", id);
        return reads.query("SELECT " + LearnerRow.COLUMNS + " FROM learner l" + sql.where(), sql.tuple())
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(LearnerRow.from(rows.iterator().next())));
    }

    public Uni<Optional<LearnerRow>> byMassarCode(AccessScope scope, String massarCode) {
        Sql sql = LearnerAccess.visibleLearners(new Sql(), scope);
        sql.and("l.massar_code = ?", massarCode);
        return reads.query("SELECT " + LearnerRow.COLUMNS + " FROM learner l" + sql.where(), sql.tuple())
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(LearnerRow.from(rows.iterator().next())));
    }

    /**
     * Learners by id in one statement, for nested fields whose parent is already in the caller's
     * scope (an enrollment the caller sees belongs to a learner the caller sees).
     */
    public Uni<Map<UUID, LearnerRow>> byIds(List<UUID> ids) {
        return reads.query("SELECT " + LearnerRow.COLUMNS + " FROM learner l WHERE l.id = ANY($1)",
                Tuple.of(ids.stream().distinct().toArray(UUID[]::new)))
                .map(rows -> {
                    List<LearnerRow> list = new ArrayList<>();
                    rows.forEach(r -> list.add(LearnerRow.from(r)));
                    return list.stream().collect(Collectors.toMap(LearnerRow::id, Function.identity()));
                });
    }
}
