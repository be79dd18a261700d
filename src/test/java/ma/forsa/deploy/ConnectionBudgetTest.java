package ma.forsa.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

/**
 * The connections of every replica at the HPA ceiling (plus surge) fit each PostgreSQL instance,
 * computed from the manifests so that raising one side alone (HPA ceiling, a pool, max_connections)
 * fails; docs/operations/connection-budget.md states the same figures.
 */
class ConnectionBudgetTest {

    static final String DOC = "connection-budget.md";

    @Test
    void theDefaultDeploymentFitsOnThePrimaryAndOnOneStandby() {
        ConnectionBudget budget = ConnectionBudget.of(Manifests.all().values());
        assertEquals(List.of(), budget.problems());
        assertEquals(ConnectionBudget.Target.PRIMARY, budget.reactiveTarget);
        assertEquals(ConnectionBudget.Target.STANDBY, budget.readTarget);
        assertEquals(ConnectionBudget.Target.PRIMARY, budget.jdbcTarget);
        assertEquals("9 x (16 + 4 + 1) = 189", budget.primaryFormula());
        assertEquals("9 x 8 = 72", budget.standbyFormula());
        assertEquals(195, budget.available());

        String doc = Manifests.readText(Manifests.DOCS.resolve(DOC).toString());
        for (String figure : List.of(budget.primaryFormula(), budget.standbyFormula(), "200 - 5 = 195")) {
            assertTrue(doc.contains(figure), DOC + " states " + figure);
        }
    }

    @Test
    void raisingTheCeilingAlone_fails() {
        Map<String, HasMetadata> manifests = Manifests.all();
        Manifests.one(manifests, HorizontalPodAutoscaler.class).getSpec().setMaxReplicas(9); // one more replica than today's ceiling
        List<String> problems = ConnectionBudget.of(manifests.values()).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("primary: 10 x (16 + 4 + 1) = 210"), problems.get(0));
    }

    @Test
    void raisingAPoolAlone_fails() {
        Map<String, HasMetadata> manifests = Manifests.all();
        configMap(manifests).getData().put("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", "20");
        assertTrue(ConnectionBudget.of(manifests.values()).problems().get(0).startsWith("primary: 9 x (20 + 4 + 1) = 225"));

        manifests = Manifests.all();
        configMap(manifests).getData().put("FORSA_DB_IMPORT_MAX_SIZE", "5"); // a third import worker
        assertTrue(ConnectionBudget.of(manifests.values()).problems().get(0).startsWith("primary: 9 x (16 + 5 + 1) = 198"));

        manifests = Manifests.all();
        configMap(manifests).getData().put("FORSA_DB_READ_MAX_SIZE", "24");
        assertTrue(ConnectionBudget.of(manifests.values()).problems().get(0).startsWith("standby: 9 x 24 = 216"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void loweringMaxConnectionsAlone_fails() {
        Map<String, HasMetadata> manifests = Manifests.all();
        GenericKubernetesResource cluster = Manifests.custom(manifests, Manifests.CNPG, "Cluster");
        ((Map<String, Object>) Manifests.at(cluster, "spec", "postgresql", "parameters")).put("max_connections", "150");
        assertFalse(ConnectionBudget.of(manifests.values()).problems().isEmpty());
    }

    @Test
    void readsSentToThePrimaryCountThere() {
        Map<String, HasMetadata> manifests = Manifests.all();
        Manifests.one(manifests, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .removeIf(e -> e.getName().equals("FORSA_DB_READ_URL"));
        ConnectionBudget budget = ConnectionBudget.of(manifests.values());
        assertEquals("9 x (16 + 8 + 4 + 1) = 261", budget.primaryFormula());
        assertFalse(budget.problems().isEmpty(), "without the read replicas, 8 replicas no longer fit");
    }

    @Test
    void thePoolerComponentFitsItsHigherCeilingAndKeepsFlywayAndReadsDirect() {
        assumeTrue(Manifests.kubectlInstalled(), "kubectl is not installed");
        List<HasMetadata> rendered = Manifests.kustomizeWithComponent("pooler");
        ConnectionBudget budget = ConnectionBudget.of(rendered);
        assertEquals(List.of(), budget.problems());
        assertEquals(ConnectionBudget.Target.POOLER, budget.reactiveTarget);
        assertEquals(ConnectionBudget.Target.PRIMARY, budget.jdbcTarget, "Flyway's advisory lock needs a direct connection");
        assertEquals(ConnectionBudget.Target.STANDBY, budget.readTarget);
        assertTrue(budget.maxReplicas > ConnectionBudget.of(Manifests.all().values()).maxReplicas, "the pooler is there for a higher ceiling");
        assertEquals("transaction", Manifests.text(budget.pooler, "spec", "pgbouncer", "poolMode"));

        Map<String, String> env = Manifests.environment(Manifests.onlyContainer(Manifests.one(rendered, Deployment.class)), rendered);
        assertEquals("true", env.get("QUARKUS_DATASOURCE_REACTIVE_CACHE_PREPARED_STATEMENTS"),
                "named prepared statements, which PgBouncer tracks in transaction mode");
        Set<String> known = new TreeSet<>();
        Manifests.allKeys().forEach(k -> known.add(Manifests.envName(k)));
        KubernetesManifestsTest.FRAMEWORK_SETTINGS.forEach(k -> known.add(Manifests.envName(k)));
        known.add(Manifests.envName("quarkus.datasource.reactive.cache-prepared-statements"));
        Set<String> unknown = new TreeSet<>(env.keySet());
        unknown.removeAll(known);
        assertEquals(Set.of(), unknown, "the component sets variables Forsa does not read");

        String doc = Manifests.readText(Manifests.DOCS.resolve(DOC).toString());
        for (String figure : List.of(budget.primaryFormula(), budget.standbyFormula())) {
            assertTrue(doc.contains(figure), DOC + " states the pooler's figure " + figure);
        }
    }

    private static ConfigMap configMap(Map<String, HasMetadata> manifests) {
        return manifests.values().stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getData().containsKey("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE")).findFirst().orElseThrow();
    }
}
