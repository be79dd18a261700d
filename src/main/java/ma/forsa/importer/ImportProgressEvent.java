package ma.forsa.importer;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The progress of one import (GraphQL type of the subscription importProgress): counts and status, no row content. */
@Type("ImportProgress")
@Description("The progress of one import (subscription importProgress). GET /imports/{id} gives the full report.")
public record ImportProgressEvent(
        @Description("The import's id, as POST /imports answered it.") @Id @NonNull String id,
        @Description("Rows read so far (imported or rejected).") int rowsDone,
        @Description("Rows of the file: known once the import has finished (the file is read as it is imported), else null.")
        Integer rowsTotal,
        @Description("PENDING, RUNNING, then one of COMPLETED, REJECTED, REFUSED, FAILED (the subscription then completes).")
        @NonNull String status,
        @Description("True for the last event: the import has finished.") boolean finished) {

    static boolean finished(String status) {
        return !"PENDING".equals(status) && !"RUNNING".equals(status);
    }
}
