package ma.forsa.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

@QuarkusTest
class AuthenticationTest {

    private static final String ME = "{ me { subject roles academyCode associationId } }";

    @Test
    void aRequestWithoutTokenIsUnauthenticated() {
        JsonPath response = GraphQL.post(null, ME);
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(response));
        assertNull(response.get("data"));
    }

    @Test
    void anExpiredTokenIsUnauthenticated() {
        String token = Tokens.builder("ADMIN").issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .sign(Tokens.key());
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(GraphQL.post(token, ME)));
    }

    @Test
    void aTokenSignedByAnotherKeyIsUnauthenticated() {
        String token = Tokens.builder("ADMIN").sign(Tokens.foreignKey());
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(GraphQL.post(token, ME)));
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthenticated() {
        String token = Jwt.issuer("https://elsewhere.example").subject("x").groups("ADMIN").audience(Tokens.AUDIENCE)
                .sign(Tokens.key());
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(GraphQL.post(token, ME)));
    }

    @Test
    void anUnsignedTokenIsUnauthenticated() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String claims = b64.encodeToString(("{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE
                + "\",\"sub\":\"x\",\"groups\":[\"ADMIN\"],\"exp\":"
                + (Instant.now().getEpochSecond() + 600) + "}").getBytes());
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(GraphQL.post(header + "." + claims + ".", ME)));
    }

    @Test
    void garbageIsUnauthenticated() {
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(GraphQL.post("not-a-jwt", ME)));
    }

    @Test
    void aTokenWithoutForsaRoleIsForbidden() {
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.builder("GUEST").sign(Tokens.key()), ME)));
    }

    @Test
    void anAcademyOfficerWithoutAcademyClaimIsForbidden() {
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.builder("ACADEMY_OFFICER").sign(Tokens.key()), ME)));
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthenticated() {
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(GraphQL.post(Tokens.builder("ADMIN").audience("another-api")
                .sign(Tokens.key()), ME)));
    }

    @Test
    void aTokenWithoutAudienceIsUnauthenticatedWhenOneIsConfigured() {
        String token = Jwt.issuer(Tokens.ISSUER).subject("x").groups("ADMIN").expiresIn(600).sign(Tokens.key());
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(GraphQL.post(token, ME)));
    }

    @Test
    void aTokenNotYetValidIsUnauthenticated() {
        String token = Tokens.builder("ADMIN").claim("nbf", Instant.now().plusSeconds(600).getEpochSecond()).sign(Tokens.key());
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(GraphQL.post(token, ME)));
    }

    @Test
    void anAssociationStaffWithoutOrWithAMalformedAssociationClaimIsForbidden() {
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.builder("ASSOCIATION_STAFF").sign(Tokens.key()), ME)));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.builder("ASSOCIATION_STAFF")
                .claim("association", "not-a-uuid").sign(Tokens.key()), ME)));
    }

    @Test
    void aValidTokenIsAccepted() {
        assertEquals(List.of("ADMIN"), GraphQL.ok(Tokens.admin(), ME).getList("data.me.roles"));
    }

    @Test
    void meDescribesTheScopeOfTheToken() {
        JsonPath officer = GraphQL.ok(Tokens.academyOfficer("MS"), ME);
        assertEquals(List.of("ACADEMY_OFFICER"), officer.getList("data.me.roles"));
        assertEquals("MS", officer.getString("data.me.academyCode"));
        assertNull(officer.get("data.me.associationId"));

        String association = "6f1c2b7e-8a55-4c1e-9a53-2f2a1d8f0b11";
        JsonPath staff = GraphQL.ok(Tokens.associationStaff(association), ME);
        assertEquals(association, staff.getString("data.me.associationId"));
        assertNull(staff.get("data.me.academyCode"));
    }

    @Test
    void introspectionNeedsNoToken() {
        JsonPath response = GraphQL.ok(null, "{ __schema { queryType { name } } }");
        assertEquals("Query", response.getString("data.__schema.queryType.name"));
    }
}
