package ma.forsa.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * docs/operations/backup-and-restore.md restores what k8s/ backs up: its recovery Cluster reads the
 * ObjectStore and the folder of the cluster of k8s/, recreates the same application database, is
 * otherwise the same cluster (so it does not drift when postgres-cluster.yaml changes), and its
 * checks name tables and triggers the migrations create.
 */
class RestoreProcedureTest {

    static final Path DOC = Manifests.DOCS.resolve("backup-and-restore.md");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    final String doc = Manifests.readText(DOC.toString());
    final List<Map<String, Object>> yamlBlocks = yamlBlocks(doc);
    final GenericKubernetesResource cluster = Manifests.custom(Manifests.all(), Manifests.CNPG, "Cluster");
    final GenericKubernetesResource store = Manifests.custom(Manifests.all(), Manifests.BARMAN_CLOUD, "ObjectStore");

    @Test
    @SuppressWarnings("unchecked")
    void theRestoredClusterBootstrapsFromTheBackupOfTheClusterOfK8s() {
        Map<String, Object> restored = yamlBlocks.stream().filter(b -> "Cluster".equals(b.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError(DOC + " shows no recovery Cluster"));
        assertEquals(Manifests.CNPG, restored.get("apiVersion"));
        String name = (String) ((Map<String, Object>) restored.get("metadata")).get("name");
        assertNotEquals(cluster.getMetadata().getName(), name, "a NEW cluster: CloudNativePG does not restore in place");
        Map<String, Object> spec = (Map<String, Object>) restored.get("spec");

        Map<String, Object> recovery = (Map<String, Object>) ((Map<String, Object>) spec.get("bootstrap")).get("recovery");
        assertEquals(Manifests.text(cluster, "spec", "bootstrap", "initdb", "database"), recovery.get("database"));
        assertEquals(Manifests.text(cluster, "spec", "bootstrap", "initdb", "owner"), recovery.get("owner"));
        Map<String, Object> source = ((List<Map<String, Object>>) spec.get("externalClusters")).stream()
                .filter(e -> e.get("name").equals(recovery.get("source"))).findFirst()
                .orElseThrow(() -> new AssertionError("bootstrap.recovery.source names no externalClusters entry"));
        Map<String, Object> plugin = (Map<String, Object>) source.get("plugin");
        assertEquals(Manifests.BARMAN_CLOUD_PLUGIN, plugin.get("name"));
        Map<String, Object> parameters = (Map<String, Object>) plugin.get("parameters");
        assertEquals(store.getMetadata().getName(), parameters.get("barmanObjectName"), "reads the ObjectStore of k8s/");
        assertEquals(cluster.getMetadata().getName(), parameters.get("serverName"), "reads the old cluster's folder");

        // It archives too, under its own name (no serverName): never into the old cluster's folder.
        List<Map<String, Object>> plugins = (List<Map<String, Object>>) spec.get("plugins");
        assertEquals(1, plugins.size());
        assertEquals(Boolean.TRUE, plugins.get(0).get("isWALArchiver"));
        assertNull(((Map<String, Object>) plugins.get(0).get("parameters")).get("serverName"));

        // Everything else is postgres-cluster.yaml's.
        Map<String, Object> expected = new LinkedHashMap<>((Map<String, Object>) cluster.getAdditionalProperties().get("spec"));
        Map<String, Object> actual = new LinkedHashMap<>(spec);
        for (String differs : List.of("bootstrap", "externalClusters")) {
            expected.remove(differs);
            actual.remove(differs);
        }
        assertEquals(expected, actual, "the restored cluster's spec is postgres-cluster.yaml's but for bootstrap and externalClusters");
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePointInTimeTargetCarriesItsTimeZone() {
        Map<String, Object> target = yamlBlocks.stream().map(b -> (Map<String, Object>) b.get("bootstrap")).filter(b -> b != null)
                .map(b -> (Map<String, Object>) ((Map<String, Object>) b.get("recovery")).get("recoveryTarget")).filter(t -> t != null)
                .findFirst().orElseThrow(() -> new AssertionError(DOC + " shows no recoveryTarget"));
        Object time = target.get("targetTime");
        assertNotNull(time, "a point-in-time target: recoveryTarget.targetTime");
        // RFC 3339 with an offset: without one, PostgreSQL reads the time as UTC (an hour off in Casablanca).
        OffsetDateTime.parse(time.toString());
    }

    @Test
    void theChecksNameTablesAndTriggersTheMigrationsCreate() {
        String migrations = migrations();
        for (String table : List.of("learner", "enrollment", "audit_event")) {
            assertTrue(doc.contains("SELECT count(*) FROM " + table + ";"), DOC + " counts " + table);
            assertTrue(migrations.contains("CREATE TABLE " + table + " ("), "no table " + table + " in the migrations");
        }
        assertTrue(doc.contains("SELECT max(at) FROM audit_event;"));
        assertTrue(migrations.matches("(?s).*CREATE TABLE audit_event \\([^;]*\\bat\\s+timestamptz.*"), "audit_event.at");
        Matcher triggers = Pattern.compile("CREATE TRIGGER (\\w+) \\w+ [A-Z ]+ ON audit_event").matcher(migrations);
        List<String> names = new ArrayList<>();
        while (triggers.find()) {
            names.add(triggers.group(1));
        }
        assertEquals(2, names.size(), "the append-only triggers: " + names);
        names.forEach(trigger -> assertTrue(doc.contains(trigger), DOC + " names trigger " + trigger));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlBlocks(String markdown) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        while (block.find()) {
            blocks.add(SERIALIZATION.unmarshal(block.group(1).stripIndent(), Map.class));
        }
        return blocks;
    }

    private static String migrations() {
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.sorted().toList()) {
                all.append(Files.readString(file)).append('\n');
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
