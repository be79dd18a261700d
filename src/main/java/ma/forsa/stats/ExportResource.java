package ma.forsa.stats;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import ma.forsa.agreement.Agreement;
import ma.forsa.agreement.AgreementStatus;
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditLog;
import ma.forsa.common.ApiException;
import ma.forsa.common.Clocks;
import ma.forsa.common.Ids;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
import ma.forsa.common.i18n.Messages;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Disclosure;
import ma.forsa.security.Requires;
import ma.forsa.security.ScopeSql;

/**
 * Downloads for the directorate: statistics and agreement lists as CSV or XLSX, with French headers; MINISTRY's
 * counts go through the disclosure rule (empty cells, "Masqué" = oui) like everywhere else. Agreement
 * lists are read page by page (keyset) and written as they come, so memory does not grow with the row count;
 * statistics are already aggregated (bounded by the number of cells). Every export is audited.
 */
@Path("/exports")
public class ExportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv; charset=UTF-8";

    private static final Map<StatsDimension, String> DIMENSION_LABELS = Map.of(StatsDimension.ACADEMY, "Académie",
            StatsDimension.PROVINCE, "Province", StatsDimension.CENTER, "Centre", StatsDimension.ASSOCIATION, "Association",
            StatsDimension.SEX, "Sexe", StatsDimension.AGE_BAND, "Tranche d'âge", StatsDimension.STRAND, "Volet",
            StatsDimension.SCHOOL_YEAR, "Année scolaire", StatsDimension.OUTCOME_KIND, "Insertion");

    private static final int PAGE = 500;

    private final CurrentAccess access;
    private final StatisticsService statistics;
    private final AuditLog auditLog;
    private final Db db;
    private final java.time.Clock clock;
    private final Disclosure disclosure;

    @Inject
    public ExportResource(CurrentAccess access, StatisticsService statistics, AuditLog auditLog, Db db, java.time.Clock clock,
            Disclosure disclosure) {
        this.disclosure = disclosure;
        this.access = access;
        this.statistics = statistics;
        this.auditLog = auditLog;
        this.db = db;
        this.clock = clock;
    }

    @GET
    @Path("/statistics.{format}")
    @Requires(Action.READ_STATISTICS)
    public Response statistics(@PathParam("format") String format, @QueryParam("groupBy") String groupBy,
            @QueryParam("academyCode") String academyCode, @QueryParam("schoolYear") String schoolYear,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        AccessScope scope = access.require();
        boolean xlsx = format(format);
        List<StatsDimension> dimensions = dimensions(groupBy);
        StatsFilter filter = new StatsFilter(blank(academyCode), blank(schoolYear), date("from", from), date("to", to));
        List<StatsRow> rows = statistics.statistics(scope, dimensions, filter).await().atMost(Duration.ofMinutes(2));
        List<String> headers = new ArrayList<>();
        dimensions.forEach(d -> headers.add(DIMENSION_LABELS.get(d)));
        headers.addAll(List.of("Inscrits", "En cours", "Achevés", "Abandons", "Insérés", "Taux d'insertion", "Masqué"));
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("format", xlsx ? "xlsx" : "csv");
        audit.put("groupBy", dimensions.stream().map(Enum::name).toList());
        putIfSet(audit, "academyCode", filter.academyCode());
        putIfSet(audit, "schoolYear", filter.schoolYear());
        putIfSet(audit, "from", from);
        putIfSet(audit, "to", to);
        audit.put("rows", rows.size());
        auditLog.recordAlone(scope, AuditAction.EXPORT, "Statistics", null, audit).await().atMost(Duration.ofSeconds(30));
        StreamingOutput body = out -> {
            try (TableWriter w = open(xlsx, out, "Statistiques", headers)) {
                for (StatsRow r : rows) {
                    List<Object> values = new ArrayList<>();
                    r.keys().forEach(k -> values.add(frenchLabel(k.dimension(), k.value())));
                    values.addAll(Arrays.asList(r.enrolled(), r.active(), r.completed(), r.droppedOut(), r.integrated(),
                            r.integrationRate(), r.suppressed()));
                    w.row(values);
                }
            }
        };
        return download(body, xlsx, "statistiques");
    }

    @GET
    @Path("/agreements.{format}")
    @Requires(Action.READ_STATISTICS)
    public Response agreements(@PathParam("format") String format, @QueryParam("academyCode") String academyCode,
            @QueryParam("associationId") String associationId, @QueryParam("status") String status,
            @QueryParam("endsBefore") String endsBefore) {
        AccessScope scope = access.require();
        boolean xlsx = format(format);
        LocalDate today = Clocks.today(clock);
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("format", xlsx ? "xlsx" : "csv");
        List<Sql.Fragment> conditions = new ArrayList<>();
        conditions.add(ScopeSql.agreements(scope, "g"));
        if (blank(academyCode) != null) {
            conditions.add(Sql.Fragment.of("g.academy_code = ?", academyCode.trim()));
            audit.put("academyCode", academyCode.trim());
        }
        if (blank(associationId) != null) {
            UUID id = Ids.parseInput(associationId.trim(), "associationId");
            conditions.add(Sql.Fragment.of("g.association_id = ?", id));
            audit.put("associationId", id.toString());
        }
        if (blank(status) != null) {
            List<String> statuses = new ArrayList<>();
            for (String s : status.split(",", 20)) {
                try {
                    statuses.add(AgreementStatus.valueOf(s.trim().toUpperCase(Locale.ROOT)).name());
                } catch (IllegalArgumentException e) {
                    throw ApiException.validation("status", "Unknown agreement status: use "
                            + Arrays.toString(AgreementStatus.values()) + ", comma separated.");
                }
            }
            conditions.add(Agreement.effectiveStatus(today).plus(" = ANY(?)", (Object) statuses.toArray(String[]::new)));
            audit.put("status", statuses);
        }
        LocalDate before = date("endsBefore", endsBefore);
        if (before != null) {
            conditions.add(Sql.Fragment.of("g.ends_on < ?", before));
            audit.put("endsBefore", before.toString());
        }
        List<String> headers = List.of("Référence", "Type", "Statut", "Académie", "Association", "N° d'enregistrement",
                "Signée le", "Début", "Fin", "Budget (MAD)", "Bénéficiaires visés", "Inscrits", "Sortis",
                "Insérés", "Taux d'insertion visé", "Taux d'insertion", "Masqué");
        boolean checked = disclosure.appliesTo(scope);
        StreamingOutput body = out -> {
            int count = 0;
            try (TableWriter w = open(xlsx, out, "Conventions", headers)) {
                String after = null;
                while (true) {
                    Sql sql = Sql.select(Sql.Fragment.of("SELECT g.id, g.reference, g.kind, ").plus(Agreement.effectiveStatus(today))
                            .plus(" AS status, g.academy_code, a.name AS association, a.registration_number, g.signed_on, "
                                    + "g.starts_on, g.ends_on, g.budget, g.target_beneficiaries, g.target_integration_rate, "
                                    + "coalesce(pr.enrolled, 0) AS enrolled, coalesce(pr.active, 0) AS active, "
                                    + "coalesce(pr.completed, 0) AS completed, coalesce(pr.dropped_out, 0) AS dropped_out, "
                                    + "coalesce(pr.integrated, 0) AS integrated FROM agreement g "
                                    + "JOIN association a ON a.id = g.association_id "
                                    + "LEFT JOIN stats_agreement_cell pr ON pr.agreement_id = g.id"));
                    conditions.forEach(sql::where);
                    if (after != null) {
                        sql.where("g.reference > ?", after);
                    }
                    sql.then(" ORDER BY g.reference LIMIT ?", PAGE);
                    List<List<Object>> rows = db.analytics().list(sql, r -> {
                        int enrolled = r.count("enrolled");
                        int leavers = r.count("completed") + r.count("dropped_out");
                        int integrated = r.count("integrated");
                        // MINISTRY: the counts through the disclosure rule (null where withheld, Masqué = oui)
                        Disclosure.Shown shown = checked ? disclosure.protect(Disclosure.Figures.of(enrolled, r.count("active"),
                                r.count("completed"), r.count("dropped_out"), integrated)) : Disclosure.Shown.ALL;
                        boolean sub = shown.enrolled() && shown.subFigures();
                        return Arrays.<Object>asList(r.string("reference"), Messages.label(Messages.FRENCH, "AgreementKind", r.string("kind")),
                                Messages.label(Messages.FRENCH, "AgreementStatus", r.string("status")),
                                r.string("academy_code"), r.string("association"), r.string("registration_number"),
                                r.date("signed_on"), r.date("starts_on"), r.date("ends_on"), r.decimal("budget"),
                                r.integer("target_beneficiaries"), shown.enrolled() ? enrolled : null, sub ? leavers : null,
                                sub ? integrated : null, r.decimalAsDouble("target_integration_rate"),
                                !sub || leavers == 0 ? null : (double) integrated / leavers, shown.suppressed());
                    }).await().atMost(Duration.ofMinutes(1));
                    for (List<Object> row : rows) {
                        w.row(row);
                        count++;
                    }
                    if (rows.size() < PAGE) {
                        break;
                    }
                    after = (String) rows.get(rows.size() - 1).get(0);
                }
            }
            audit.put("rows", count);
            auditLog.recordAlone(scope, AuditAction.EXPORT, "Agreement", null, audit).await().atMost(Duration.ofSeconds(30));
        };
        return download(body, xlsx, "conventions");
    }

    /**
     * The French label of a statistics key whose dimension is an enum (sex, strand, outcome), as the import template
     * writes and reads it; other keys (codes, names, years, age bands) as they are.
     */
    static String frenchLabel(StatsDimension dimension, String value) {
        String type = switch (dimension) {
            case SEX -> "Sex";
            case STRAND -> "Strand";
            case OUTCOME_KIND -> "OutcomeKind";
            default -> null;
        };
        return type == null || value == null ? value : Messages.label(Messages.FRENCH, type, value);
    }

    private static TableWriter open(boolean xlsx, OutputStream out, String sheet, List<String> headers) {
        try {
            return xlsx ? TableWriter.xlsx(out, sheet, headers) : TableWriter.csv(out, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response download(StreamingOutput body, boolean xlsx, String name) {
        return Response.ok(body).type(xlsx ? XLSX : CSV)
                .header("Content-Disposition", "attachment; filename=\"" + name + (xlsx ? ".xlsx" : ".csv") + "\"").build();
    }

    private static boolean format(String format) {
        return switch (format) {
            case "csv" -> false;
            case "xlsx" -> true;
            default -> throw ApiException.notFound("Export format", format);
        };
    }

    static List<StatsDimension> dimensions(String groupBy) {
        List<StatsDimension> out = new ArrayList<>();
        if (blank(groupBy) == null) {
            return out;
        }
        for (String part : groupBy.split(",")) {
            try {
                out.add(StatsDimension.valueOf(part.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.validation("groupBy", "Unknown dimension '" + part.trim() + "': use "
                        + Arrays.toString(StatsDimension.values()) + ", comma separated.");
            }
        }
        return out;
    }

    private static LocalDate date(String field, String value) {
        if (blank(value) == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.validation(field, field + " must be a date like 2025-06-30.");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
