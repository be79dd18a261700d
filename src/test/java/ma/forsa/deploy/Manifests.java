package ma.forsa.deploy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The files of the repository that deployment is made of: k8s/ manifests, application.properties. */
final class Manifests {

    static final Path K8S = Path.of("k8s");
    static final Path DOCS = Path.of("docs", "operations");
    /** CloudNativePG's API group, and the Barman Cloud plugin's (its ObjectStore). */
    static final String CNPG = "postgresql.cnpg.io/v1";
    static final String BARMAN_CLOUD = "barmancloud.cnpg.io/v1";
    /** The Barman Cloud plugin's name in Cluster.spec.plugins, ScheduledBackup and externalClusters. */
    static final String BARMAN_CLOUD_PLUGIN = "barman-cloud.cloudnative-pg.io";
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
        return one(manifests.values(), type);
    }

    static <T extends HasMetadata> T one(Collection<HasMetadata> resources, Class<T> type) {
        List<T> found = resources.stream().filter(type::isInstance).map(type::cast).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + type.getSimpleName() + " under k8s/, found " + found.size());
        }
        return found.get(0);
    }

    static GenericKubernetesResource custom(Map<String, HasMetadata> manifests, String apiVersion, String kind) {
        return custom(manifests.values(), apiVersion, kind);
    }

    /** The resources of one kind of a custom API (CloudNativePG, Barman Cloud), in any order. */
    static List<GenericKubernetesResource> customs(Collection<HasMetadata> resources, String apiVersion, String kind) {
        return resources.stream().filter(GenericKubernetesResource.class::isInstance).map(GenericKubernetesResource.class::cast)
                .filter(r -> apiVersion.equals(r.getApiVersion()) && kind.equals(r.getKind())).toList();
    }

    static GenericKubernetesResource custom(Collection<HasMetadata> resources, String apiVersion, String kind) {
        List<GenericKubernetesResource> found = customs(resources, apiVersion, kind);
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + apiVersion + " " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The application database: created by initdb, or recreated by a recovery bootstrap (a restored cluster). */
    static String applicationDatabase(GenericKubernetesResource cluster) {
        String initdb = text(cluster, "spec", "bootstrap", "initdb", "database");
        return initdb != null ? initdb : text(cluster, "spec", "bootstrap", "recovery", "database");
    }

    /** The Secret templates under k8s/ (applied by hand, never by kustomize), by file name. */
    static Map<String, Secret> secretTemplates(Map<String, HasMetadata> manifests) {
        Map<String, Secret> templates = new LinkedHashMap<>();
        manifests.forEach((file, resource) -> {
            if (resource instanceof Secret secret) {
                templates.put(file, secret);
            }
        });
        return templates;
    }

    /** A value inside a custom resource: keys for maps, Integer indexes for lists; null when absent. */
    static Object at(GenericKubernetesResource resource, Object... path) {
        Object node = resource.getAdditionalProperties();
        for (Object step : path) {
            if (step instanceof Integer index && node instanceof List<?> list) {
                node = index < list.size() ? list.get(index) : null;
            } else if (node instanceof Map<?, ?> map) {
                node = map.get(step);
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    static String text(GenericKubernetesResource resource, Object... path) {
        Object value = at(resource, path);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(GenericKubernetesResource resource, Object... path) {
        Object value = at(resource, path);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    /**
     * Every variable the container gets: its envFrom ConfigMaps (from {@code resources}) then its env
     * entries, with values when they are literal (null when they come from a Secret).
     */
    static Map<String, String> environment(Container container, Collection<HasMetadata> resources) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource>of())) {
            if (from.getPrefix() != null) {
                throw new AssertionError("no envFrom prefixes: names must match the application's settings");
            }
            if (from.getSecretRef() != null) {
                throw new AssertionError("envFrom a Secret hides which variables are set: use secretKeyRef entries");
            }
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                ConfigMap configMap = resources.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                        .filter(c -> c.getMetadata().getName().equals(name)).findFirst()
                        .orElseThrow(() -> new AssertionError("envFrom names ConfigMap " + name + ", which k8s/ does not define"));
                env.putAll(configMap.getData());
            }
        }
        for (EnvVar var : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
            env.put(var.getName(), var.getValue());
        }
        return env;
    }

    static Container onlyContainer(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError("the Deployment has " + containers.size() + " containers, expected 1");
        }
        return containers.get(0);
    }

    static boolean kubectlInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, "kubectl").canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** What `kubectl kustomize DIR` renders, parsed (kubectl must be installed). */
    static List<HasMetadata> kustomize(Path dir) {
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + output);
            }
            List<HasMetadata> rendered = new ArrayList<>();
            for (String document : output.split("(?m)^---$")) {
                if (!document.isBlank()) {
                    rendered.add(SERIALIZATION.unmarshal(document));
                }
            }
            return rendered;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * k8s/ with a kustomize Component of k8s/components/ enabled, the way an installation enables
     * it: a kustomization (written under target/) listing k8s/ and the component.
     */
    static List<HasMetadata> kustomizeWithComponent(String component) {
        Path dir = Path.of("target", "kustomize-" + component);
        try {
            Files.createDirectories(dir);
            Path root = dir.toAbsolutePath().relativize(K8S.toAbsolutePath());
            Files.writeString(dir.resolve("kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                    + "kind: Kustomization\nresources:\n  - " + root + "\ncomponents:\n  - " + root.resolve("components").resolve(component) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return kustomize(dir);
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
