package ma.forsa.association;

import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.vertx.mutiny.sqlclient.Row;

/** A civil-society partner, as read (GraphQL type). */
@Type("Association")
public record Association(@Id @NonNull String id, @NonNull String registrationNumber, @NonNull String name,
        @Ignore String provinceCode, String email, String phone, boolean networkMember, @NonNull AssociationStatus status,
        int version) {

    /** The columns {@link #from(Row)} reads, for {@code SELECT ... FROM association a}. */
    public static final String COLUMNS = "a.id, a.registration_number, a.name, a.province_code, a.email, a.phone, "
            + "a.network_member, a.status, a.version";

    public static Association from(Row r) {
        return new Association(r.getUUID("id").toString(), r.getString("registration_number"), r.getString("name"),
                r.getString("province_code"), r.getString("email"), r.getString("phone"), r.getBoolean("network_member"),
                AssociationStatus.valueOf(r.getString("status")), r.getInteger("version"));
    }

    public UUID uuid() {
        return UUID.fromString(id);
    }
}
