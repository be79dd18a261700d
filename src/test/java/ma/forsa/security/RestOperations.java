package ma.forsa.security;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The REST endpoints the application serves, read from its classes ("METHOD /path", the JAX-RS templates), so that
 * the security matrix fails when an endpoint has no line or no rows. Dev-only endpoints (absent from test and
 * production builds) are left out.
 */
final class RestOperations {

    private static final Set<String> VERBS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");

    private RestOperations() {
    }

    static Set<String> served() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("ma.forsa");
        Set<String> operations = new TreeSet<>();
        for (JavaClass type : classes) {
            if (!type.isAnnotatedWith(jakarta.ws.rs.Path.class) || type.isAnnotatedWith(io.quarkus.arc.profile.IfBuildProfile.class)) {
                continue;
            }
            String base = type.getAnnotationOfType(jakarta.ws.rs.Path.class).value();
            for (JavaMethod method : type.getMethods()) {
                for (String verb : VERBS) {
                    if (method.isAnnotatedWith("jakarta.ws.rs." + verb)) {
                        String sub = method.isAnnotatedWith(jakarta.ws.rs.Path.class)
                                ? method.getAnnotationOfType(jakarta.ws.rs.Path.class).value() : "";
                        operations.add(verb + " " + join(base, sub));
                    }
                }
            }
        }
        return operations;
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
