package ma.forsa.center;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.db.DbRow;
import ma.forsa.common.db.Sql;

/** A second chance school centre run by one association (GraphQL type). */
@Type("Center")
public record Center(@Id @NonNull String id, @NonNull String code, @NonNull String name, @Ignore String associationId,
        @Ignore String provinceCode, String commune, String address, int capacity, LocalDate openedOn,
        @NonNull CenterStatus status, int version) {

    /** By id alone (records that are equal have the same id): a batch's key is hashed several times per request. */
    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(id);
    }

    /** The columns {@link #from} reads, for {@code SELECT ... FROM center c}. */
    public static final String COLUMNS = "c.id, c.code, c.name, c.association_id, c.province_code, c.commune, c.address, "
            + "c.capacity, c.opened_on, c.status, c.version";

    /** The enrollment statuses that occupy a place (occupancy counts them). */
    public static final List<String> OPEN_STATUSES = List.of("ENROLLED", "ACTIVE");

    /** {@link #COLUMNS} renamed with a prefix, for a statement that joins the centre to its child's row. */
    public static String columns(String prefix) {
        return Sql.prefixed(COLUMNS, prefix);
    }

    public static Center from(DbRow r) {
        return new Center(r.uuid("id").toString(), r.string("code"), r.string("name"), r.uuid("association_id").toString(),
                r.string("province_code"), r.string("commune"), r.string("address"), r.integer("capacity"),
                r.date("opened_on"), CenterStatus.valueOf(r.string("status")), r.integer("version"));
    }

    public UUID uuid() {
        return UUID.fromString(id);
    }
}
