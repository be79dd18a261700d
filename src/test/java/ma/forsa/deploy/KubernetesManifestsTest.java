package ma.forsa.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The k8s/ manifests agree with the application they deploy: ports, health paths, settings, and
 * the security and availability properties production relies on. No cluster needed.
 */
class KubernetesManifestsTest {

    /** Keys CloudNativePG writes into the secret {@code <cluster>-app}. */
    static final Set<String> CNPG_APP_SECRET_KEYS = Set.of("username", "password", "host", "port", "dbname", "uri", "jdbc-uri");

    /**
     * Quarkus / MicroProfile settings the application reads without naming them in
     * application.properties (checked by hand on the prod jar: given only as environment variables,
     * they connect it to PostgreSQL and make it verify tokens).
     */
    static final Set<String> FRAMEWORK_SETTINGS = Set.of(
            "quarkus.datasource.username", "quarkus.datasource.password",
            "quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url",
            "quarkus.flyway.username", "quarkus.flyway.password",
            "mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location", "mp.jwt.verify.issuer", "mp.jwt.verify.audiences");

    /** What production cannot start without (ProductionSecurityCheck and the datasource). */
    static final Set<String> REQUIRED_IN_PRODUCTION = Set.of(
            "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD", "MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "QUARKUS_HTTP_CORS_ORIGINS");

    final Map<String, HasMetadata> manifests = Manifests.all();
    final Properties app = Manifests.production();
    final Deployment deployment = Manifests.one(manifests, Deployment.class);
    final PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    final Container container = onlyContainer();

    @Test
    void everyManifestParsesWithNoUnknownField() {
        assertFalse(manifests.isEmpty());
        for (var entry : manifests.entrySet()) {
            if (!(entry.getValue() instanceof GenericKubernetesResource)) {
                assertEquals(List.of(), Manifests.unknownFields(entry.getValue()), entry.getKey() + " has fields Kubernetes does not know");
            }
            assertNotNull(entry.getValue().getMetadata().getName(), entry.getKey() + " has no name");
        }
        Set<String> kinds = manifests.values().stream().map(HasMetadata::getKind).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("Cluster", "ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Ingress", "Namespace",
                "NetworkPolicy", "ObjectStore", "PodDisruptionBudget", "Pooler", "ScheduledBackup", "Secret", "Service")), kinds);
    }

    @Test
    @SuppressWarnings("unchecked")
    void kustomizationAppliesEveryManifestButTheSecretTemplate() {
        Map<String, Object> kustomization = Manifests.kustomization();
        List<String> resources = (List<String>) kustomization.get("resources");
        Set<String> expected = new TreeSet<>(manifests.keySet());
        manifests.forEach((file, resource) -> {
            if (resource instanceof Secret) {
                expected.remove(file);
            }
        });
        assertEquals(expected, new TreeSet<>(resources), "kustomization.yaml resources");
        Namespace namespace = Manifests.one(manifests, Namespace.class);
        assertEquals(namespace.getMetadata().getName(), kustomization.get("namespace"));
        List<Map<String, Object>> images = (List<Map<String, Object>>) kustomization.get("images");
        assertTrue(images.stream().anyMatch(i -> container.getImage().equals(i.get("name")) && i.get("newTag") != null),
                "kustomization.yaml sets the tag of image " + container.getImage());
    }

    @Test
    void probesUseTheApplicationsPortAndHealthPaths() {
        int port = Integer.parseInt(app.getProperty("quarkus.http.port", "8080"));
        assertEquals(8080, port);
        var http = container.getPorts().stream().filter(p -> p.getContainerPort() == port).findFirst().orElseThrow(
                () -> new AssertionError("the container does not expose the application's port " + port));
        String health = "/" + app.getProperty("quarkus.http.non-application-root-path", "q") + "/"
                + app.getProperty("quarkus.smallrye-health.root-path", "health") + "/";
        assertProbe(container.getStartupProbe(), health + app.getProperty("quarkus.smallrye-health.startup-path", "started"), port, http.getName());
        assertProbe(container.getLivenessProbe(), health + app.getProperty("quarkus.smallrye-health.liveness-path", "live"), port, http.getName());
        assertProbe(container.getReadinessProbe(), health + app.getProperty("quarkus.smallrye-health.readiness-path", "ready"), port, http.getName());

        Service service = Manifests.one(manifests, Service.class);
        assertTrue(pod().entrySet().containsAll(service.getSpec().getSelector().entrySet()), "the Service selects the pods");
        assertTrue(service.getSpec().getPorts().stream().allMatch(p -> targets(p.getTargetPort(), port, http.getName())),
                "the Service sends traffic to port " + port);
        assertTrue(Manifests.readText("Dockerfile").contains("EXPOSE " + port), "the Dockerfile exposes " + port);
    }

    @Test
    void everyEnvironmentVariableIsASettingTheApplicationReads() {
        Set<String> known = new TreeSet<>();
        Manifests.allKeys().forEach(k -> known.add(Manifests.envName(k)));
        FRAMEWORK_SETTINGS.forEach(k -> known.add(Manifests.envName(k)));

        Map<String, String> set = environment();
        Set<String> unknown = new TreeSet<>(set.keySet());
        unknown.removeAll(known);
        assertEquals(Set.of(), unknown, "the Deployment sets variables Forsa does not read");
        assertTrue(set.keySet().containsAll(REQUIRED_IN_PRODUCTION), "missing: " + minus(REQUIRED_IN_PRODUCTION, set.keySet()));
    }

    @Test
    void theServiceRunsAsTheManagedRoleAndFlywayAsTheOwner() {
        GenericKubernetesResource cluster = Manifests.custom(manifests, "postgresql.cnpg.io/v1", "Cluster");
        assertEquals(3, ((Number) cluster.get("spec", "instances")).intValue());
        String owner = cluster.getMetadata().getName() + "-app";
        Map<String, String> refs = new LinkedHashMap<>();
        for (EnvVar env : container.getEnv()) {
            if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                var ref = env.getValueFrom().getSecretKeyRef();
                refs.put(env.getName(), ref.getName() + "/" + ref.getKey());
            }
        }
        // Flyway: the database's owner, from the secret CloudNativePG writes.
        assertEquals(owner + "/username", refs.get("QUARKUS_FLYWAY_USERNAME"));
        assertEquals(owner + "/password", refs.get("QUARKUS_FLYWAY_PASSWORD"));
        // The service: the managed role, from its password Secret.
        String runtime = DatabaseManifestsTest.runtimeRoleSecret(cluster);
        assertEquals(runtime + "/username", refs.get("QUARKUS_DATASOURCE_USERNAME"));
        assertEquals(runtime + "/password", refs.get("QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals(4, refs.size(), "no other secret reaches the container: " + refs);
        refs.values().stream().filter(r -> r.startsWith(owner + "/"))
                .forEach(r -> assertTrue(CNPG_APP_SECRET_KEYS.contains(r.substring(owner.length() + 1)), r + ": CloudNativePG does not write it"));
        // The URLs name the primary's service and carry no credentials: the owner's in forsa-db-app's uri and
        // jdbc-uri would win over QUARKUS_DATASOURCE_USERNAME / _PASSWORD.
        Map<String, String> env = environment();
        for (String url : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL")) {
            String value = env.get(url);
            assertNotNull(value, url + " is a literal URL");
            assertEquals(cluster.getMetadata().getName() + "-rw", ConnectionBudget.host(value), url);
            assertFalse(value.contains("@") || value.contains("user=") || value.contains("password="), url + " carries no credentials");
        }
        // The secret template keeps the shape of forsa-db-app, for a PostgreSQL not run by CloudNativePG.
        Secret template = Manifests.secretTemplates(manifests).values().stream().filter(s -> s.getMetadata().getName().equals(owner))
                .findFirst().orElseThrow(() -> new AssertionError("no template of secret " + owner + " under k8s/"));
        assertEquals(CNPG_APP_SECRET_KEYS, values(template).keySet());
    }

    @Test
    void connectionsOfAllReplicasFitPostgresMaxConnections() {
        // The arithmetic itself, and its failure when one side is raised alone: ConnectionBudgetTest.
        ConnectionBudget budget = ConnectionBudget.of(manifests.values());
        assertEquals(List.of(), budget.problems());
        assertEquals(16, budget.reactive, "README's Deployment section and docs/operations/connection-budget.md give these numbers");
        assertEquals(4, budget.imports);
        assertEquals(8, budget.read);
        assertEquals(8, budget.maxReplicas);
        assertEquals(200, budget.maxConnections);
    }

    @Test
    void replicasRollAndScaleWithoutLosingCapacity() {
        assertEquals(3, deployment.getSpec().getReplicas());
        var rolling = deployment.getSpec().getStrategy().getRollingUpdate();
        assertEquals("RollingUpdate", deployment.getSpec().getStrategy().getType());
        assertEquals(0, rolling.getMaxUnavailable().getIntVal());
        assertTrue(rolling.getMaxSurge().getIntVal() >= 1);

        HorizontalPodAutoscaler hpa = Manifests.one(manifests, HorizontalPodAutoscaler.class);
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals(deployment.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
        assertEquals(deployment.getSpec().getReplicas(), hpa.getSpec().getMinReplicas());

        PodDisruptionBudget pdb = Manifests.one(manifests, PodDisruptionBudget.class);
        assertTrue(pod().entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()), "the PDB selects the pods");
        int minAvailable = pdb.getSpec().getMinAvailable().getIntVal();
        assertTrue(minAvailable >= 1 && minAvailable < deployment.getSpec().getReplicas(), "a drain can proceed and leaves pods serving");

        var cpu = container.getResources().getRequests().get("cpu");
        assertNotNull(cpu, "the HPA scales on CPU: the container must request CPU");
        for (String resource : List.of("cpu", "memory")) {
            assertNotNull(container.getResources().getRequests().get(resource), "request " + resource);
            assertNotNull(container.getResources().getLimits().get(resource), "limit " + resource);
        }
    }

    @Test
    void theContainerRunsAsNonRootOnAReadOnlyFileSystem() {
        var podSecurity = pod.getSecurityContext();
        var security = container.getSecurityContext();
        assertEquals(Boolean.TRUE, security.getRunAsNonRoot());
        assertEquals(Boolean.TRUE, podSecurity.getRunAsNonRoot());
        long uid = Objects.requireNonNullElse(security.getRunAsUser(), podSecurity.getRunAsUser());
        assertTrue(uid > 0);
        assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem());
        assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), security.getCapabilities().getDrop());
        assertTrue(security.getCapabilities().getAdd() == null || security.getCapabilities().getAdd().isEmpty());
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());

        var tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                .orElseThrow(() -> new AssertionError("/tmp must be writable: mount an emptyDir"));
        assertNotNull(volume(tmp.getName()).getEmptyDir(), "/tmp is an emptyDir");
        String dataDir = container.getEnv().stream().filter(e -> e.getName().equals("FORSA_DATA_DIR")).findFirst()
                .orElseThrow(() -> new AssertionError("FORSA_DATA_DIR: the service's own folder (uploads, imports)")).getValue();
        var data = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(dataDir)).findFirst()
                .orElseThrow(() -> new AssertionError(dataDir + " must be writable: mount an emptyDir"));
        assertNotNull(volume(data.getName()).getEmptyDir(), dataDir + " is an emptyDir");

        String dockerfile = Manifests.readText("Dockerfile");
        assertTrue(dockerfile.contains("USER " + uid), "the image runs as the uid the pod expects (" + uid + ")");
        assertTrue(dockerfile.lines().noneMatch(l -> l.strip().toUpperCase().startsWith("HEALTHCHECK")), "Kubernetes probes, not a HEALTHCHECK");
        assertTrue(dockerfile.contains("./mvnw -B package -DskipTests"), "the image builds with the Maven wrapper");
        assertTrue(dockerfile.contains("FROM eclipse-temurin:21-jre"), "the image runs on a JRE 21");
        String dockerignore = Manifests.readText(".dockerignore");
        for (String excluded : List.of("target/", ".forsa/", "*.pem", ".git/")) {
            assertTrue(dockerignore.lines().anyMatch(excluded::equals), ".dockerignore keeps out " + excluded);
        }
    }

    @Test
    void theJwtPublicKeyComesFromAMountedConfigMap() {
        String location = environment().get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        var mount = container.getVolumeMounts().stream().filter(m -> location.startsWith(m.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError(location + " is not on a mounted volume"));
        String configMap = volume(mount.getName()).getConfigMap().getName();
        ConfigMap keys = manifests.values().stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().equals(configMap)).findFirst().orElseThrow();
        assertTrue(keys.getData().containsKey(location.substring(mount.getMountPath().length() + 1)));
        assertEquals(Boolean.TRUE, mount.getReadOnly());
    }

    @Test
    void noSecretHoldsARealValue() {
        for (HasMetadata resource : manifests.values()) {
            if (resource instanceof Secret secret) {
                // A managed role's password Secret names its role in "username" (CloudNativePG's shape); no other value.
                Set<String> roles = DatabaseManifestsTest.managedRoles(Manifests.custom(manifests, "postgresql.cnpg.io/v1", "Cluster"));
                values(secret).forEach((key, value) -> assertTrue(value.matches("\\d+") || isPlaceholder(value)
                                || key.equals("username") && roles.contains(value),
                        secret.getMetadata().getName() + "." + key + " must be a placeholder (REPLACE_ME), not a real value"));
            }
            if (resource instanceof ConfigMap configMap) {
                configMap.getData().forEach((key, value) -> assertFalse(key.toLowerCase().contains("password") || value.contains("PRIVATE KEY"),
                        configMap.getMetadata().getName() + "." + key + " looks like a secret: it belongs in a Secret"));
            }
        }
        assertTrue(pod.getContainers().stream().flatMap(c -> c.getEnv().stream()).noneMatch(e -> e.getName().contains("PASSWORD") && e.getValue() != null),
                "passwords come from Secrets, never inline");
    }

    @Test
    void networkPolicyAdmitsOnlyTheIngressAndThePortalAndReachesOnlyPostgresAndDns() {
        NetworkPolicy policy = Manifests.one(manifests, NetworkPolicy.class);
        assertTrue(pod().entrySet().containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet()));
        assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
        Set<String> sources = new TreeSet<>();
        for (var rule : policy.getSpec().getIngress()) {
            assertTrue(rule.getPorts().stream().allMatch(p -> p.getPort().getIntVal() == 8080));
            for (NetworkPolicyPeer peer : rule.getFrom()) {
                assertNull(peer.getIpBlock(), "no IP ranges");
                sources.add(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
            }
        }
        assertEquals(Set.of("ingress-nginx", "forsa-portal"), sources);
        GenericKubernetesResource cluster = Manifests.custom(manifests, "postgresql.cnpg.io/v1", "Cluster");
        Set<String> egress = new TreeSet<>();
        for (var rule : policy.getSpec().getEgress()) {
            for (var port : rule.getPorts()) {
                egress.add(port.getProtocol() + "/" + port.getPort().getIntVal());
            }
            for (NetworkPolicyPeer peer : rule.getTo()) {
                assertNull(peer.getIpBlock(), "no IP ranges");
                if (rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 5432)) {
                    assertEquals(cluster.getMetadata().getName(), peer.getPodSelector().getMatchLabels().get("cnpg.io/cluster"));
                }
            }
        }
        assertEquals(Set.of("TCP/5432", "UDP/53", "TCP/53"), egress);
    }

    @Test
    void ingressPublishesTheGraphqlEndpointOnly() {
        Ingress ingress = Manifests.one(manifests, Ingress.class);
        Service service = Manifests.one(manifests, Service.class);
        String graphql = app.getProperty("quarkus.smallrye-graphql.root-path");
        List<String> paths = new ArrayList<>();
        for (var rule : ingress.getSpec().getRules()) {
            for (var path : rule.getHttp().getPaths()) {
                paths.add(path.getPath());
                assertEquals(service.getMetadata().getName(), path.getBackend().getService().getName());
                String portName = path.getBackend().getService().getPort().getName();
                assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(portName)));
            }
        }
        assertEquals(List.of(graphql), paths);
    }

    private void assertProbe(Probe probe, String path, int port, String portName) {
        assertNotNull(probe, "probe on " + path);
        HTTPGetAction get = probe.getHttpGet();
        assertEquals(path, get.getPath());
        assertTrue(targets(get.getPort(), port, portName), path + " is probed on port " + port);
    }

    private static boolean targets(IntOrString target, int port, String portName) {
        return target.getIntVal() != null ? target.getIntVal() == port : target.getStrVal().equals(portName);
    }

    private Map<String, String> pod() {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    private Container onlyContainer() {
        assertEquals(1, pod.getContainers().size());
        return pod.getContainers().get(0);
    }

    private Volume volume(String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    /** Every variable the container gets: env entries and the keys of envFrom ConfigMaps, with values when known. */
    private Map<String, String> environment() {
        return Manifests.environment(container, manifests.values());
    }

    private static Map<String, String> values(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return values;
    }

    /** Nothing is left once the REPLACE_ME markers, a port and the URL syntax around them are removed. */
    static boolean isPlaceholder(String value) {
        return value.contains("REPLACE_ME")
                && value.replace("REPLACE_ME", "").replaceAll("jdbc:|postgresql://|user=|password=|[\\d:@/?&]", "").isEmpty();
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static void assertNull(Object value, String message) {
        org.junit.jupiter.api.Assertions.assertNull(value, message);
    }
}
