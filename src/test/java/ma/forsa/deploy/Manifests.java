package ma.forsa.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The files of the repository that deployment is made of: k8s/ manifests, application.properties. */
final class Manifests {

    static final Path K8S = Path.of("k8s");
    static final Path APPLICATION_PROPERTIES = Path.of("src", "main", "resources", "application.properties");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    /** Every manifest under k8s/ (except kustomization.yaml), by file name, parsed into Kubernetes model objects. */
    static Map<String, HasMetadata> all() {
        Map<String, HasMetadata> manifests = new LinkedHashMap<>();
        for (Path file : manifestFiles()) {
            try (InputStream in = Files.newInputStream(file)) {
                Object parsed = SERIALIZATION.unmarshal(in);
                if (!(parsed instanceof HasMetadata resource)) {
                    throw new AssertionError(file + " must hold exactly one Kubernetes object, found " + parsed);
                }
                manifests.put(file.getFileName().toString(), resource);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return manifests;
    }

    static List<Path> manifestFiles() {
        try (Stream<Path> files = Files.list(K8S)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !f.getFileName().toString().startsWith("kustomization."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T extends HasMetadata> T one(Map<String, HasMetadata> manifests, Class<T> type) {
        List<T> found = manifests.values().stream().filter(type::isInstance).map(type::cast).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + type.getSimpleName() + " under k8s/, found " + found.size());
        }
        return found.get(0);
    }

    static GenericKubernetesResource custom(Map<String, HasMetadata> manifests, String apiVersion, String kind) {
        List<GenericKubernetesResource> found = manifests.values().stream()
                .filter(GenericKubernetesResource.class::isInstance).map(GenericKubernetesResource.class::cast)
                .filter(r -> apiVersion.equals(r.getApiVersion()) && kind.equals(r.getKind())).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + apiVersion + " " + kind + " under k8s/, found " + found.size());
        }
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> kustomization() {
        try (InputStream in = Files.newInputStream(K8S.resolve("kustomization.yaml"))) {
            return SERIALIZATION.unmarshal(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** application.properties as the production profile sees it (%prod.x wins over x). */
    static Properties production() {
        Properties raw = new Properties();
        try (InputStream in = Files.newInputStream(APPLICATION_PROPERTIES)) {
            raw.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties prod = new Properties();
        raw.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> prod.setProperty(k, raw.getProperty(k)));
        raw.stringPropertyNames().stream().filter(k -> k.startsWith("%prod.")).forEach(k -> prod.setProperty(k.substring(6), raw.getProperty(k)));
        return prod;
    }

    /** Every key of application.properties, in any profile, without its profile prefix. */
    static List<String> allKeys() {
        Properties raw = new Properties();
        try (InputStream in = Files.newInputStream(APPLICATION_PROPERTIES)) {
            raw.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return raw.stringPropertyNames().stream().map(k -> k.startsWith("%") ? k.substring(k.indexOf('.') + 1) : k).sorted().toList();
    }

    static String readText(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** MicroProfile Config's environment variable form of a property name. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Fields the model did not recognise (typos such as readOnlyRootFileSystem land in
     * additionalProperties instead of failing the parse), as paths.
     */
    static List<String> unknownFields(Object model) {
        List<String> unknown = new ArrayList<>();
        walk(model, model.getClass().getSimpleName(), unknown, 0);
        return unknown;
    }

    private static void walk(Object node, String path, List<String> unknown, int depth) {
        if (node == null || depth > 30) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, depth + 1);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown, depth + 1));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            String name = getter.getName().substring(3);
            if (name.equals("AdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + " " + extra.keySet());
                }
            } else {
                walk(value, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), unknown, depth + 1);
            }
        }
    }
}
