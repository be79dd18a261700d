package ma.forsa.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.mutiny.Uni;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;

/**
 * Dev mode only (absent from test and production builds): signed tokens for each role with the key pair of
 * {@code ${forsa.data-dir}/jwt}. {@code GET /dev/token} (or {@code ?list}) lists the tokens it can make, with the
 * academies and the associations of the database; {@code GET /dev/token?role=ADMIN} answers a token. Every bad
 * parameter is a 400 with a message ({@link DevTokens}).
 */
@IfBuildProfile("dev")
@Path("/dev/token")
public class DevTokenResource {

    private static final int LISTED_ASSOCIATIONS = 50;

    private final JWTAuthContextInfo jwt;
    private final Db db;

    @Inject
    public DevTokenResource(JWTAuthContextInfo jwt, Db db) {
        this.jwt = jwt;
        this.db = db;
    }

    /** Academies by code, with the number of associations running centres there (security reads no feature's code). */
    private Uni<List<DevTokens.AcademyLine>> academies() {
        return db.list(Sql.of("SELECT a.code, a.name, (SELECT count(DISTINCT c.association_id) FROM center c JOIN province p "
                + "ON p.code = c.province_code WHERE p.academy_code = a.code) AS n FROM academy a ORDER BY a.code"),
                r -> new DevTokens.AcademyLine(r.string("code"), r.string("name"), r.count("n")));
    }

    @GET
    @Requires(Action.ISSUE_DEV_TOKEN)
    @Produces("text/plain;charset=UTF-8")
    public Uni<String> token(@Context UriInfo uri) {
        Map<String, List<String>> query = uri.getQueryParameters();
        String base = uri.getBaseUri().toString().replaceAll("/+$", "");
        if (DevTokens.wantsList(query)) {
            return list(base);
        }
        return academies().chain(academies -> {
            DevTokens.Request request = DevTokens.parse(query, academies.stream().map(DevTokens.AcademyLine::code).toList());
            if (request.association() == null) {
                return Uni.createFrom().item(sign(request));
            }
            return db.one(Sql.of("SELECT id FROM association WHERE id = ?", request.association()), r -> r.uuid("id"))
                    .map(found -> {
                        if (found == null) {
                            throw DevTokens.unknownAssociation(request.association());
                        }
                        return sign(request);
                    });
        });
    }

    private String sign(DevTokens.Request request) {
        JwtClaimsBuilder claims = Jwt.issuer(jwt.getIssuedBy()).subject(request.subject()).upn(request.subject())
                .groups(request.role().name()).expiresIn(Duration.ofMinutes(request.ttlMinutes()));
        if (jwt.getExpectedAudience() != null && !jwt.getExpectedAudience().isEmpty()) {
            claims.audience(jwt.getExpectedAudience());
        }
        if (request.academy() != null) {
            claims.claim("academy", request.academy());
        }
        if (request.association() != null) {
            claims.claim("association", request.association().toString());
        }
        return claims.sign();
    }

    private Uni<String> list(String base) {
        Uni<List<Map.Entry<DevTokens.AssociationLine, Integer>>> associations = db.list(Sql.of("SELECT a.id, "
                + "a.registration_number, a.name, a.status, p.academy_code, count(*) OVER () AS total FROM association a "
                + "JOIN province p ON p.code = a.province_code ORDER BY a.status <> 'ACTIVE', a.registration_number LIMIT ?",
                LISTED_ASSOCIATIONS), r -> Map.entry(new DevTokens.AssociationLine(r.uuid("id"), r.string("registration_number"),
                        r.string("name"), r.string("status"), r.string("academy_code")), r.count("total")));
        return Uni.combine().all().unis(academies(), associations).asTuple().map(t -> {
            List<Map.Entry<DevTokens.AssociationLine, Integer>> rows = t.getItem2();
            int total = rows.isEmpty() ? 0 : rows.get(0).getValue();
            return DevTokens.list(base, t.getItem1(), rows.stream().map(Map.Entry::getKey).toList(), total - rows.size());
        });
    }
}
