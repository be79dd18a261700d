package ma.forsa.security;

import java.util.Optional;

/** The roles of domain.md, carried in the JWT {@code groups} claim. Declared from most to least powerful. */
@org.eclipse.microprofile.graphql.Description("A Forsa role (JWT groups claim). Labels in three languages: enumLabels(type: \"Role\").")
public enum Role {
    ADMIN,
    MINISTRY,
    ACADEMY_OFFICER,
    ASSOCIATION_STAFF;

    public static Optional<Role> parse(String group) {
        for (Role role : values()) {
            if (role.name().equals(group)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
