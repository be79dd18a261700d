package ma.forsa.worklist;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditLog;
import ma.forsa.common.ApiException;
import ma.forsa.common.paging.Cursor;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.enrollment.Enrollment;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Requires;
import ma.forsa.stats.TableWriter;

/**
 * The worklist's lists as CSV or XLSX (stats/TableWriter: inert cells), French headers, one kind per download, read page
 * by page in due order. Rows carry record ids, never a learner's identity (open the learner in the portal, where the
 * viewer's rights apply). Every download is audited (EXPORT, with its kind, filter and row count).
 */
@Path("/exports")
public class WorklistResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv; charset=UTF-8";
    private static final int PAGE = 500;
    private static final List<String> HEADERS = List.of("Type", "Échéance", "Mois de suivi", "Fenêtre du", "Fenêtre au",
            "Contact autorisé", "Inscription", "Apprenant", "Centre", "Année scolaire", "Statut", "Inscrit le", "Sorti le",
            "Tranche", "Convention", "N° de tranche", "Montant (MAD)", "Condition");

    private final CurrentAccess access;
    private final WorklistService service;
    private final AuditLog auditLog;

    @Inject
    public WorklistResource(CurrentAccess access, WorklistService service, AuditLog auditLog) {
        this.access = access;
        this.service = service;
        this.auditLog = auditLog;
    }

    @GET
    @Path("/worklist.{format}")
    @Requires(Action.READ_CASEWORK)
    public Response worklist(@PathParam("format") String format, @QueryParam("kind") String kind,
            @QueryParam("centerId") String centerId, @QueryParam("associationId") String associationId,
            @QueryParam("order") String order) {
        AccessScope scope = access.require();
        boolean xlsx = switch (format) {
            case "csv" -> false;
            case "xlsx" -> true;
            default -> throw ApiException.notFound("Export format", format);
        };
        WorklistKind list = value("kind", kind, WorklistKind.class, null);
        WorklistOrder sort = value("order", order, WorklistOrder.class, WorklistOrder.DUE_FIRST);
        Worklist worklist = service.worklist(new WorklistFilter(blank(centerId), blank(associationId)));
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("format", xlsx ? "xlsx" : "csv");
        audit.put("kind", list.name());
        if (worklist.centerId() != null) {
            audit.put("centerId", worklist.centerId().toString());
        }
        if (worklist.associationId() != null) {
            audit.put("associationId", worklist.associationId().toString());
        }
        StreamingOutput body = out -> {
            int count = 0;
            try (TableWriter w = open(xlsx, out)) {
                String after = null;
                while (true) {
                    List<WorklistItem> items = service.page(scope, worklist, list, sort, new PageRequest(PAGE, after))
                            .await().atMost(Duration.ofMinutes(1));
                    List<WorklistItem> rows = items.subList(0, Math.min(PAGE, items.size()));
                    for (WorklistItem item : rows) {
                        w.row(row(item));
                        count++;
                    }
                    if (items.size() <= PAGE) {
                        break;
                    }
                    after = Cursor.encode(rows.get(rows.size() - 1).id());
                }
            }
            audit.put("rows", count);
            auditLog.recordAlone(scope, AuditAction.EXPORT, "Worklist", null, audit).await().atMost(Duration.ofSeconds(30));
        };
        return Response.ok(body).type(xlsx ? XLSX : CSV).header("Content-Disposition", "attachment; filename=\"suivi-"
                + list.name().toLowerCase(Locale.ROOT).replace('_', '-') + (xlsx ? ".xlsx" : ".csv") + "\"").build();
    }

    private static List<Object> row(WorklistItem i) {
        Enrollment e = i.enrollment();
        var t = i.tranche();
        return Arrays.asList(i.kind().name(), i.dueOn(), i.followUpMonth(), i.windowOpensOn(), i.windowClosesOn(),
                i.contactAllowed(), e == null ? null : e.id(), e == null ? null : e.learnerId().toString(),
                e == null ? null : e.centerId().toString(), e == null ? null : e.schoolYear(),
                e == null ? null : e.status().name(), e == null ? null : e.enrolledOn(), e == null ? null : e.exitedOn(),
                t == null ? null : t.id(), t == null ? null : t.agreementId(), t == null ? null : t.seq(),
                t == null ? null : t.amount(), t == null ? null : t.condition());
    }

    private static TableWriter open(boolean xlsx, OutputStream out) {
        try {
            return xlsx ? TableWriter.xlsx(out, "Suivi", HEADERS) : TableWriter.csv(out, HEADERS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <E extends Enum<E>> E value(String field, String value, Class<E> type, E fallback) {
        if (value == null || value.isBlank()) {
            if (fallback != null) {
                return fallback;
            }
            throw ApiException.validation(field, field + " is required: one of " + Arrays.toString(type.getEnumConstants()) + ".");
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(field, field + " must be one of " + Arrays.toString(type.getEnumConstants()) + ".");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
