package ma.forsa.center;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.vertx.mutiny.sqlclient.Row;

/** A second chance school centre run by one association (GraphQL type). */
@Type("Center")
public record Center(@Id @NonNull String id, @NonNull String code, @NonNull String name, @Ignore String associationId,
        @Ignore String provinceCode, String commune, String address, int capacity, LocalDate openedOn,
        @NonNull CenterStatus status, int version) {

    /** The columns {@link #from(Row)} reads, for {@code SELECT ... FROM center c}. */
    public static final String COLUMNS = "c.id, c.code, c.name, c.association_id, c.province_code, c.commune, c.address, "
            + "c.capacity, c.opened_on, c.status, c.version";

    public static Center from(Row r) {
        return new Center(r.getUUID("id").toString(), r.getString("code"), r.getString("name"),
                r.getUUID("association_id").toString(), r.getString("province_code"), r.getString("commune"),
                r.getString("address"), r.getInteger("capacity"), r.getLocalDate("opened_on"),
                CenterStatus.valueOf(r.getString("status")), r.getInteger("version"));
    }

    public UUID uuid() {
        return UUID.fromString(id);
    }
}
