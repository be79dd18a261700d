package ma.forsa.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ma.forsa.common.ApiException;

/**
 * The rules of {@code /dev/token} (dev mode only, {@link DevTokenResource}): which query parameters make which token,
 * and the listing of the tokens it can make. Every bad parameter is a VALIDATION error (HTTP 400) whose message says
 * what to send instead. Pure functions: the resource looks the academies and associations up.
 */
public final class DevTokens {

    /** The parameters the endpoint takes. */
    static final Set<String> PARAMETERS = Set.of("role", "academy", "association", "subject", "ttlMinutes", "list");
    static final int DEFAULT_TTL_MINUTES = 480;
    static final int MAX_TTL_MINUTES = 1440;
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final String ROLES = "ADMIN, MINISTRY, ACADEMY_OFFICER, ASSOCIATION_STAFF";

    /** A token to sign. {@code academy} only for ACADEMY_OFFICER, {@code association} only for ASSOCIATION_STAFF. */
    public record Request(Role role, String academy, UUID association, String subject, int ttlMinutes) {
    }

    /** An academy as the listing shows it, with the number of associations of the demo data running centres there. */
    public record AcademyLine(String code, String name, int associations) {
    }

    /** An association as the listing shows it. */
    public record AssociationLine(UUID id, String registrationNumber, String name, String status, String academyCode) {
    }

    private DevTokens() {
    }

    /** Whether the query asks for the listing: no parameter at all, or {@code list}. */
    public static boolean wantsList(Map<String, List<String>> query) {
        return query.isEmpty() || query.containsKey("list");
    }

    /**
     * The token a query asks for. {@code academies}: the academy codes that exist. The association's existence is
     * checked by the caller (it takes a database read).
     */
    public static Request parse(Map<String, List<String>> query, Collection<String> academies) {
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (!PARAMETERS.contains(parameter.getKey())) {
                throw invalid(parameter.getKey(), "Unknown parameter '" + shorten(parameter.getKey()) + "'. /dev/token takes "
                        + "role, academy, association, subject and ttlMinutes; GET /dev/token alone lists the tokens it can make.");
            }
            if (parameter.getValue().size() > 1) {
                throw invalid(parameter.getKey(), "Give " + parameter.getKey() + " once.");
            }
        }
        String roleName = single(query, "role");
        if (roleName == null || roleName.isBlank()) {
            throw invalid("role", "role is missing: give role=" + ROLES.replace(", ", ", role=")
                    + " (GET /dev/token lists the tokens it can make).");
        }
        Role role = Role.parse(roleName.strip()).orElseThrow(() -> invalid("role",
                "Unknown role '" + shorten(roleName) + "': role must be one of " + ROLES + "."));
        String academy = single(query, "academy");
        String association = single(query, "association");
        if (role != Role.ACADEMY_OFFICER && academy != null) {
            throw invalid("academy", "academy applies to ACADEMY_OFFICER tokens only; leave it out for " + role + ".");
        }
        if (role != Role.ASSOCIATION_STAFF && association != null) {
            throw invalid("association", "association applies to ASSOCIATION_STAFF tokens only; leave it out for " + role + ".");
        }
        String academyCode = null;
        if (role == Role.ACADEMY_OFFICER) {
            if (academy == null || academy.isBlank()) {
                throw invalid("academy", "An ACADEMY_OFFICER token needs academy=<academy code>, one of "
                        + String.join(", ", academies) + " (e.g. academy=RSK).");
            }
            academyCode = academy.strip().toUpperCase(java.util.Locale.ROOT);
            if (!academies.contains(academyCode)) {
                throw invalid("academy", "Unknown academy '" + shorten(academy) + "': academy must be one of "
                        + String.join(", ", academies) + ".");
            }
        }
        UUID associationId = null;
        if (role == Role.ASSOCIATION_STAFF) {
            if (association == null || association.isBlank()) {
                throw invalid("association", "An ASSOCIATION_STAFF token needs association=<association id> "
                        + "(GET /dev/token lists the associations of the database with their ids).");
            }
            try {
                associationId = UUID.fromString(association.strip());
            } catch (IllegalArgumentException e) {
                throw invalid("association", "association must be an association id (a UUID such as "
                        + "3f0c2a5e-1b2c-4d5e-8f90-123456789abc); got '" + shorten(association) + "'. GET /dev/token lists them.");
            }
        }
        String subject = single(query, "subject");
        if (subject == null) {
            subject = "dev-user";
        } else if (!SUBJECT.matcher(subject).matches()) {
            throw invalid("subject", "subject must be 1 to 64 letters, digits or . _ @ - (it becomes the token's sub "
                    + "and appears in the audit trail).");
        }
        return new Request(role, academyCode, associationId, subject, ttl(single(query, "ttlMinutes")));
    }

    /** The answer for an association id that is well formed but not in the database. */
    public static ApiException unknownAssociation(UUID id) {
        return invalid("association", "No association with id " + id + " exists in this database: GET /dev/token lists "
                + "the associations it has.");
    }

    /** The listing: every token the endpoint can make, with ready-to-run commands. */
    public static String list(String base, List<AcademyLine> academies, List<AssociationLine> associations,
            int moreAssociations) {
        String token = base + "/dev/token";
        StringBuilder out = new StringBuilder();
        out.append("/dev/token (dev mode only) signs tokens for trying Forsa. Parameters: role (required), academy (for ")
                .append("ACADEMY_OFFICER), association (for ASSOCIATION_STAFF), subject (default dev-user), ttlMinutes (1 to ")
                .append(MAX_TTL_MINUTES).append(", default ").append(DEFAULT_TTL_MINUTES).append(").\n")
                .append("Use one:  TOKEN=$(curl -s '").append(token).append("?role=ADMIN')\n")
                .append("          curl -s ").append(base).append("/graphql -H \"Authorization: Bearer $TOKEN\" ")
                .append("-H 'Content-Type: application/json' -d '{\"query\":\"{ me { subject roles } }\"}'\n\n");
        out.append("ADMIN (everything):\n  curl -s '").append(token).append("?role=ADMIN'\n");
        out.append("MINISTRY (national figures, learners pseudonymised):\n  curl -s '").append(token).append("?role=MINISTRY'\n");
        out.append("ACADEMY_OFFICER (one academy):\n");
        for (AcademyLine a : academies) {
            out.append("  curl -s '").append(token).append("?role=ACADEMY_OFFICER&academy=").append(a.code()).append("'   # ")
                    .append(a.name());
            if (a.associations() > 0) {
                out.append(" (").append(a.associations()).append(a.associations() == 1 ? " association" : " associations")
                        .append(" with centres)");
            }
            out.append('\n');
        }
        out.append("ASSOCIATION_STAFF (one association):\n");
        if (associations.isEmpty()) {
            out.append("  (no association in this database yet: create one as ADMIN, or start on an empty database with "
                    + "demo data)\n");
        }
        for (AssociationLine a : associations) {
            out.append("  curl -s '").append(token).append("?role=ASSOCIATION_STAFF&association=").append(a.id()).append("'   # ")
                    .append(a.registrationNumber()).append(' ').append(a.name()).append(" (").append(a.status());
            if (a.academyCode() != null) {
                out.append(", ").append(a.academyCode());
            }
            out.append(")\n");
        }
        if (moreAssociations > 0) {
            out.append("  ... and ").append(moreAssociations).append(" more (query associations as ADMIN).\n");
        }
        return out.toString();
    }

    private static int ttl(String value) {
        if (value == null) {
            return DEFAULT_TTL_MINUTES;
        }
        try {
            int minutes = Integer.parseInt(value.strip());
            if (minutes >= 1 && minutes <= MAX_TTL_MINUTES) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("ttlMinutes", "ttlMinutes must be a whole number of minutes from 1 to " + MAX_TTL_MINUTES + "; got '"
                + shorten(value) + "'.");
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.validation(field, message);
    }

    /** Echoes at most 40 characters of what the caller sent, printable ASCII only. */
    private static String shorten(String value) {
        String printable = value.chars().filter(c -> c >= 0x20 && c < 0x7f).mapToObj(c -> String.valueOf((char) c))
                .collect(Collectors.joining());
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
