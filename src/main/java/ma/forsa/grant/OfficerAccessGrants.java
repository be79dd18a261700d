package ma.forsa.grant;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.db.DbRow;

/** The access grants of one officer, counted (ADMIN's review of break-the-glass accesses). */
@Type("OfficerAccessGrants")
public record OfficerAccessGrants(@NonNull String officer, @NonNull String academyCode,
        @Description("Grants requested.") int grants, @Description("Grants in force now.") int live,
        @Description("Distinct learners opened.") int learners,
        @Description("Personal reads made under the grants.") int reads, @NonNull OffsetDateTime lastGrantedAt) {

    static OfficerAccessGrants from(DbRow r) {
        return new OfficerAccessGrants(r.string("officer_subject"), r.string("academy_code"), r.count("grants"), r.count("live"),
                r.count("learners"), r.count("reads"), r.timestamp("last_granted_at"));
    }
}
