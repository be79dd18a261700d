package ma.forsa.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The CloudNativePG side of k8s/: backups (WAL archive, base backups, retention, credentials),
 * the read-only datasource's wiring, the connection pooler. Field names are CloudNativePG's and the
 * Barman Cloud plugin's (checked against their CRDs); these tests check that the pieces point at
 * each other.
 */
class DatabaseManifestsTest {

    final Map<String, HasMetadata> manifests = Manifests.all();
    final GenericKubernetesResource cluster = Manifests.custom(manifests, Manifests.CNPG, "Cluster");
    final String clusterName = cluster.getMetadata().getName();

    @Test
    void theClusterArchivesItsWalToAnObjectStoreWithARetentionPolicy() {
        assertNull(Manifests.at(cluster, "spec", "backup", "barmanObjectStore"),
                "the in-tree barmanObjectStore is deprecated (CloudNativePG 1.26) and cannot be combined with a WAL-archiver plugin");
        List<Map<String, Object>> archivers = Manifests.list(cluster, "spec", "plugins").stream()
                .filter(p -> Boolean.TRUE.equals(p.get("isWALArchiver")) && !Boolean.FALSE.equals(p.get("enabled"))).toList();
        assertEquals(1, archivers.size(), "exactly one enabled plugin archives the WAL");
        Map<String, Object> archiver = archivers.get(0);
        assertEquals(Manifests.BARMAN_CLOUD_PLUGIN, archiver.get("name"));
        @SuppressWarnings("unchecked")
        Map<String, String> parameters = (Map<String, String>) archiver.get("parameters");
        assertNull(parameters.get("serverName"), "backups of " + clusterName + " are filed under its own name");

        GenericKubernetesResource store = objectStore(parameters.get("barmanObjectName"));
        String destination = Manifests.text(store, "spec", "configuration", "destinationPath");
        assertTrue(destination.matches("s3://[a-z0-9][a-z0-9.-]+[a-z0-9]/([A-Za-z0-9._-]+/)*"), "an S3 bucket (and prefix): " + destination);
        String endpoint = Manifests.text(store, "spec", "configuration", "endpointURL");
        assertNotNull(endpoint);
        assertEquals("https", URI.create(endpoint).getScheme(), "backups travel over TLS");
        assertEquals("gzip", Manifests.text(store, "spec", "configuration", "wal", "compression"));
        assertNotNull(Manifests.text(store, "spec", "configuration", "data", "compression"), "base backups are compressed");
        assertNull(Manifests.at(store, "spec", "configuration", "serverName"), "the plugin refuses serverName in the ObjectStore");
        String retention = Manifests.text(store, "spec", "retentionPolicy");
        assertNotNull(retention, "old backups are deleted by a retention policy");
        assertTrue(retention.matches("[1-9][0-9]*[dwm]"), "retentionPolicy like 30d / 4w / 1m: " + retention);
        assertEquals("30d", retention, "docs/operations/backup-and-restore.md promises a 30-day recovery window");
    }

    @Test
    void aScheduledBackupTakesADailyBaseBackupOfTheClusterFromItsFirstDay() {
        GenericKubernetesResource schedule = Manifests.custom(manifests, Manifests.CNPG, "ScheduledBackup");
        assertEquals(clusterName, Manifests.text(schedule, "spec", "cluster", "name"));
        assertEquals("plugin", Manifests.text(schedule, "spec", "method"), "backups through the plugin that archives the WAL");
        assertEquals(Manifests.BARMAN_CLOUD_PLUGIN, Manifests.text(schedule, "spec", "pluginConfiguration", "name"));
        assertEquals(Boolean.TRUE, Manifests.at(schedule, "spec", "immediate"), "the first backup runs at once");
        assertEquals("self", Manifests.text(schedule, "spec", "backupOwnerReference"));
        assertNotEquals(Boolean.TRUE, Manifests.at(schedule, "spec", "suspend"));
        // Six fields, seconds first: a fixed second, minute and hour, every day of every month.
        String[] cron = Manifests.text(schedule, "spec", "schedule").trim().split("\\s+");
        assertEquals(6, cron.length, "CloudNativePG schedules have six fields (seconds first), not the CronJob format");
        for (int i = 0; i < 3; i++) {
            assertTrue(cron[i].matches("\\d{1,2}"), "a fixed time of day: " + String.join(" ", cron));
        }
        assertEquals(List.of("*", "*", "*"), List.of(cron[3], cron[4], cron[5]), "every day");
    }

    @Test
    void theObjectStoreCredentialsComeFromASecretTemplateOfPlaceholders() {
        GenericKubernetesResource store = Manifests.custom(manifests, Manifests.BARMAN_CLOUD, "ObjectStore");
        Map<String, Secret> templates = Manifests.secretTemplates(manifests);
        for (String field : List.of("accessKeyId", "secretAccessKey")) {
            String secret = Manifests.text(store, "spec", "configuration", "s3Credentials", field, "name");
            String key = Manifests.text(store, "spec", "configuration", "s3Credentials", field, "key");
            Secret template = templates.values().stream().filter(s -> s.getMetadata().getName().equals(secret)).findFirst()
                    .orElseThrow(() -> new AssertionError("s3Credentials." + field + " names secret " + secret + ", which has no template under k8s/"));
            assertTrue(template.getStringData().containsKey(key), secret + " template lacks key " + key);
            assertTrue(KubernetesManifestsTest.isPlaceholder(template.getStringData().get(key)), secret + "." + key + " is a placeholder");
        }
        // Applied by hand: kustomize never overwrites the real credentials with the placeholders.
        @SuppressWarnings("unchecked")
        List<String> applied = (List<String>) Manifests.kustomization().get("resources");
        templates.keySet().forEach(file -> assertFalse(applied.contains(file), file + " must not be in kustomization.yaml"));
    }

    @Test
    void theReadDatasourcePointsAtTheClustersReadOnlyService() {
        Container container = Manifests.onlyContainer(Manifests.one(manifests, Deployment.class));
        EnvVar read = container.getEnv().stream().filter(e -> e.getName().equals("FORSA_DB_READ_URL")).findFirst()
                .orElseThrow(() -> new AssertionError("FORSA_DB_READ_URL is not set: statistics and exports load the primary"));
        assertNull(read.getValueFrom(), "a plain URL; the credentials are the primary's (QUARKUS_DATASOURCE_USERNAME / _PASSWORD)");
        URI url = URI.create(read.getValue());
        assertEquals("postgresql", url.getScheme(), "a reactive PostgreSQL URL, not JDBC: " + url);
        assertNull(url.getUserInfo(), "no credentials in the URL");
        assertEquals(clusterName + "-ro", ConnectionBudget.host(read.getValue()), "CloudNativePG's read-only service of " + clusterName);
        assertEquals(5432, url.getPort());
        assertEquals("/" + Manifests.applicationDatabase(cluster), url.getPath(), "the application database");
        assertTrue(Integer.parseInt(Manifests.environment(container, manifests.values()).get("FORSA_DB_READ_MAX_SIZE")) > 0,
                "the read pool's size is set (connection budget)");
        assertTrue(((Number) Manifests.at(cluster, "spec", "instances")).intValue() >= 2, "the -ro service needs standbys");
    }

    @Test
    void thePoolerFrontsTheClustersPrimaryWithPreparedStatementSupport() {
        GenericKubernetesResource pooler = Manifests.custom(manifests, Manifests.CNPG, "Pooler");
        assertEquals(clusterName, Manifests.text(pooler, "spec", "cluster", "name"));
        assertNotEquals(clusterName, pooler.getMetadata().getName(), "CloudNativePG refuses a Pooler named like its cluster");
        assertEquals("rw", Manifests.text(pooler, "spec", "type"));
        String mode = Manifests.text(pooler, "spec", "pgbouncer", "poolMode");
        assertTrue(Set.of("session", "transaction").contains(mode), "statement pooling breaks multi-statement transactions: " + mode);
        if (mode.equals("transaction")) {
            // PgBouncer >= 1.21 tracks protocol-level named prepared statements only when this is > 0;
            // the Vert.x client prepares every statement it runs.
            String prepared = Manifests.text(pooler, "spec", "pgbouncer", "parameters", "max_prepared_statements");
            assertNotNull(prepared, "transaction pooling needs max_prepared_statements for the reactive client's prepared statements");
            assertTrue(Integer.parseInt(prepared) > 0);
        }
        assertNotNull(Manifests.text(pooler, "spec", "pgbouncer", "parameters", "max_db_connections"),
                "a bound on the pooler's connections to PostgreSQL (connection budget)");

        // Not the default: the Deployment reaches the primary directly.
        Container container = Manifests.onlyContainer(Manifests.one(manifests, Deployment.class));
        ConnectionBudget budget = ConnectionBudget.of(manifests.values());
        assertEquals(ConnectionBudget.Target.PRIMARY, budget.reactiveTarget, "the pooler is an option (k8s/components/pooler)");
        assertTrue(container.getEnv().stream().noneMatch(e -> e.getValue() != null && e.getValue().contains(pooler.getMetadata().getName())));
    }

    @Test
    void theServicesRoleIsAManagedRoleWithoutPrivilegesWhosePasswordComesFromATemplate() {
        assertEquals(Set.of("forsa_app"), managedRoles(cluster));
        Map<String, Object> role = Manifests.list(cluster, "spec", "managed", "roles").get(0);
        assertNotEquals(Manifests.text(cluster, "spec", "bootstrap", "initdb", "owner"), role.get("name"),
                "the service must not run as the owner of the tables (it could alter or truncate the audit trail)");
        assertEquals("present", role.get("ensure"));
        assertEquals(Boolean.TRUE, role.get("login"));
        for (String attribute : List.of("superuser", "createdb", "createrole", "replication", "bypassrls")) {
            assertEquals(Boolean.FALSE, role.get(attribute), attribute);
        }
        String secretName = runtimeRoleSecret(cluster);
        Secret template = Manifests.secretTemplates(manifests).values().stream().filter(s -> s.getMetadata().getName().equals(secretName))
                .findFirst().orElseThrow(() -> new AssertionError("passwordSecret " + secretName + " has no template under k8s/"));
        assertEquals("kubernetes.io/basic-auth", template.getType(), "CloudNativePG reads a basic-auth Secret");
        assertEquals(role.get("name"), template.getStringData().get("username"), "the Secret names its role");
        assertTrue(KubernetesManifestsTest.isPlaceholder(template.getStringData().get("password")));
        assertEquals("true", template.getMetadata().getLabels().get("cnpg.io/reload"), "a new password reaches the role");

        // The migrations grant this role its rights: it is the placeholder app_role (the service's username).
        assertEquals("${quarkus.datasource.username:}", Manifests.production().getProperty("quarkus.flyway.placeholders.app_role"));
        String grants = Manifests.readText("src/main/resources/db/migration/R__service_role.sql");
        assertTrue(grants.contains("'${app_role}'"));
        assertTrue(grants.contains("GRANT SELECT, INSERT ON TABLE public.audit_event"));
    }

    @Test
    void thePoolerLetsTheStatementTimeoutThroughAsItsOwnQueryTimeout() {
        GenericKubernetesResource pooler = Manifests.custom(manifests, Manifests.CNPG, "Pooler");
        // Forsa sends statement_timeout at connection start; PgBouncer refuses unknown start-up parameters.
        String ignored = Manifests.text(pooler, "spec", "pgbouncer", "parameters", "ignore_startup_parameters");
        assertNotNull(ignored);
        assertTrue(Set.of(ignored.split(",")).containsAll(Set.of("statement_timeout", "extra_float_digits")), ignored);
        var app = Manifests.production();
        long statement = java.time.Duration.parse("PT" + app.getProperty("forsa.db.statement-timeout").toUpperCase()).toSeconds();
        long margin = java.time.Duration.parse("PT" + app.getProperty("forsa.db.response-margin").toUpperCase()).toSeconds();
        assertEquals(String.valueOf(statement + margin), Manifests.text(pooler, "spec", "pgbouncer", "parameters", "query_timeout"),
                "query_timeout = forsa.db.statement-timeout + forsa.db.response-margin");
    }

    /** The roles of spec.managed.roles. */
    static Set<String> managedRoles(GenericKubernetesResource cluster) {
        return Manifests.list(cluster, "spec", "managed", "roles").stream().map(r -> (String) r.get("name"))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The password Secret of the (one) managed role, the service's. */
    @SuppressWarnings("unchecked")
    static String runtimeRoleSecret(GenericKubernetesResource cluster) {
        List<Map<String, Object>> roles = Manifests.list(cluster, "spec", "managed", "roles");
        assertEquals(1, roles.size(), "one managed role: the service's");
        return (String) ((Map<String, Object>) roles.get(0).get("passwordSecret")).get("name");
    }

    private GenericKubernetesResource objectStore(String name) {
        return Manifests.customs(manifests.values(), Manifests.BARMAN_CLOUD, "ObjectStore").stream()
                .filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the WAL archiver names ObjectStore " + name + ", which k8s/ does not define"));
    }
}
