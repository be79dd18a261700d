package ma.forsa.security;

import java.time.Duration;
import java.util.UUID;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Dev mode only (absent from test and production builds): signed tokens for each role with the
 * key pair of {@code ${forsa.data-dir}/jwt}. Example: {@code curl 'localhost:8080/dev/token?role=ADMIN'}.
 */
@IfBuildProfile("dev")
@Path("/dev/token")
public class DevTokenResource {

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @ConfigProperty(name = "mp.jwt.verify.audiences")
    java.util.Optional<java.util.Set<String>> audiences;

    @GET
    @Requires(Action.ISSUE_DEV_TOKEN)
    @Produces(MediaType.TEXT_PLAIN)
    public String token(@QueryParam("role") @DefaultValue("ADMIN") String role,
            @QueryParam("academy") String academy,
            @QueryParam("association") String association,
            @QueryParam("subject") @DefaultValue("dev-user") String subject,
            @QueryParam("ttlMinutes") @DefaultValue("480") int ttlMinutes) {
        Role parsed = Role.parse(role).orElseThrow(
                () -> new BadRequestException("role must be one of ADMIN, MINISTRY, ACADEMY_OFFICER, ASSOCIATION_STAFF"));
        JwtClaimsBuilder claims = Jwt.issuer(issuer).subject(subject).upn(subject).groups(parsed.name())
                .expiresIn(Duration.ofMinutes(ttlMinutes));
        audiences.filter(a -> !a.isEmpty()).ifPresent(claims::audience);
        if (parsed == Role.ACADEMY_OFFICER) {
            if (academy == null) {
                throw new BadRequestException("an ACADEMY_OFFICER token needs academy=<academy code>, e.g. academy=MS");
            }
            claims.claim("academy", academy);
        }
        if (parsed == Role.ASSOCIATION_STAFF) {
            if (association == null) {
                throw new BadRequestException("an ASSOCIATION_STAFF token needs association=<association id>");
            }
            claims.claim("association", UUID.fromString(association).toString());
        }
        return claims.sign();
    }
}
