package ma.forsa.importer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import ma.forsa.common.ApiException;
import ma.forsa.common.Ids;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Requires;

/**
 * Bulk import of learners with their enrollment from a CSV or XLSX file. {@code POST /imports}
 * stores the file with a job row, then answers with the full report when the import finishes within a few seconds
 * (200, or 400/413 when the file is refused), otherwise 202 with the import id; {@code GET /imports/{id}} gives
 * progress from the job row, on any replica.
 */
@Path("/imports")
@Blocking
public class ImportResource {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final CurrentAccess access;
    private final ImportService imports;
    private final long waitMillis;

    @Inject
    public ImportResource(CurrentAccess access, ImportService imports, ImportConfig config) {
        this.access = access;
        this.imports = imports;
        this.waitMillis = config.syncWait().toMillis();
    }

    @GET
    @Path("/template.xlsx")
    @Produces(XLSX)
    @Requires(Action.READ_IMPORTS)
    public Response templateXlsx() throws IOException {
        return Response.ok(ImportTemplate.xlsx(), XLSX)
                .header("Content-Disposition", "attachment; filename=\"forsa-modele-import.xlsx\"").build();
    }

    @GET
    @Path("/template.csv")
    @Produces("text/csv")
    @Requires(Action.READ_IMPORTS)
    public Response templateCsv() {
        return Response.ok(ImportTemplate.csv(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"forsa-modele-import.csv\"").build();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Action.IMPORT_LEARNERS)
    public Response upload(@RestForm("file") FileUpload file, @RestQuery("dryRun") String dryRun, @RestQuery("mode") String mode,
            @RestQuery("async") String async) throws IOException, InterruptedException {
        AccessScope scope = access.require();
        boolean dry = flag(dryRun, "dryRun");
        boolean answerAtOnce = flag(async, "async");
        ImportMode importMode = ImportMode.parse(mode);
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.validation("file", "Joignez le fichier à importer dans le champ « file » du formulaire "
                    + "(multipart/form-data), par ex. curl -F file=@apprenants.xlsx.");
        }
        String name = file.fileName();
        if (file.size() > imports.maxFileSize()) {
            ImportJob job = imports.refused(scope, name, dry, importMode, new ImportRefused("TOO_LARGE", "Le fichier fait "
                    + megabytes(file.size()) + " ; la taille maximale est de " + megabytes(imports.maxFileSize())
                    + ". Découpez la liste en plusieurs fichiers et envoyez-les l'un après l'autre.", 413));
            return Response.status(413).entity(job.report()).build();
        }
        // Stored in the database with its job: any replica's worker may run it, and resume it after a failure.
        ImportService.Started started;
        try (java.io.InputStream in = Files.newInputStream(file.uploadedFile())) {
            started = imports.start(scope, in, file.size(), name, dry, importMode);
        }
        try {
            ImportJob job = started.done().get(answerAtOnce ? 0 : waitMillis, TimeUnit.MILLISECONDS);
            return finished(job);
        } catch (TimeoutException e) {
            imports.forget(started.job().id);
            return Response.accepted(started.job().report()).location(URI.create("/imports/" + started.job().id)).build();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Action.READ_IMPORTS)
    public Uni<Response> status(@PathParam("id") String id) {
        AccessScope scope = access.require();
        return imports.find(scope, Ids.parse(id, "import"))
                .map(job -> job.finished() ? finished(job) : Response.ok(job.report()).build());
    }

    private static Response finished(ImportJob job) {
        if (job.status == ImportJob.Status.REFUSED) {
            return Response.status("TOO_LARGE".equals(job.reason) ? 413 : 400).entity(job.report()).build();
        }
        return Response.ok(job.report()).build();
    }

    private static boolean flag(String value, String name) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase()) {
            case "true", "1", "yes", "oui" -> true;
            case "false", "0", "no", "non" -> false;
            default -> throw ApiException.validation(name, name + " vaut true ou false ; reçu « " + value + " ».");
        };
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.FRANCE, "%.1f Mo", bytes / (1024.0 * 1024.0));
    }
}
