package ma.forsa.association;

import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.db.DbRow;
import ma.forsa.common.db.Sql;

/** A civil-society partner, as read (GraphQL type). */
@Type("Association")
public record Association(@Id @NonNull String id, @NonNull String registrationNumber, @NonNull String name,
        @Ignore String provinceCode, String email, String phone, boolean networkMember, @NonNull AssociationStatus status,
        int version) {

    /** By id alone (records that are equal have the same id): a batch's key is hashed several times per request. */
    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(id);
    }

    /** The columns {@link #from} reads, for {@code SELECT ... FROM association a}. */
    public static final String COLUMNS = "a.id, a.registration_number, a.name, a.province_code, a.email, a.phone, "
            + "a.network_member, a.status, a.version";

    /** {@link #COLUMNS} renamed with a prefix, for a statement that joins the association to its child's row. */
    public static String columns(String prefix) {
        return Sql.prefixed(COLUMNS, prefix);
    }

    public static Association from(DbRow r) {
        return new Association(r.uuid("id").toString(), r.string("registration_number"), r.string("name"),
                r.string("province_code"), r.string("email"), r.string("phone"), r.flag("network_member"),
                AssociationStatus.valueOf(r.string("status")), r.integer("version"));
    }

    public UUID uuid() {
        return UUID.fromString(id);
    }
}
