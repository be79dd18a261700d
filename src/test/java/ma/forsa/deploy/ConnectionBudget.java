package ma.forsa.deploy;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

/**
 * The PostgreSQL connections Forsa can hold open at its HPA ceiling plus the rollout's surge pods,
 * computed from manifests (k8s/ as files, or a kustomize rendering of it), against what each
 * instance of the CloudNativePG cluster accepts (max_connections less the reserved slots).
 *
 * <p>Per pod: the reactive pool, the readiness connection ({@link #READINESS}, on the reactive pool's
 * URL), the read pool (FORSA_DB_READ_URL) and the import pool (the bulk import's workers, where the reactive
 * pool goes: ma.forsa.common.db.DbPools#imports). Flyway's JDBC connections (QUARKUS_DATASOURCE_JDBC_URL) at start-up
 * close before the pools open, so they fit within them; they must reach the primary directly.
 * Each pool is charged to the instances its URL reaches: {@code <cluster>-rw} the primary,
 * {@code <cluster>-ro} a standby (all of them on one standby: the other one may be down), a
 * {@code Pooler} of type rw the primary through PgBouncer's own server connections.
 */
final class ConnectionBudget {

    enum Target { PRIMARY, STANDBY, ANY_INSTANCE, POOLER }

    /** ma.forsa.common.db.DbPools keeps one connection per pod for /q/health/ready, on the reactive pool's URL. */
    static final int READINESS = 1;

    final String cluster;
    final int instances;
    final int maxConnections;
    final int reserved;
    final int maxReplicas;
    final int surge;
    final int pods;
    final int reactive;
    final int read;
    final int imports;
    final Target reactiveTarget;
    final Target readTarget;
    /** Flyway's connections (the JDBC URL). */
    final Target jdbcTarget;
    /** PgBouncer, when the reactive pool goes through a Pooler; else null. */
    final GenericKubernetesResource pooler;
    final int poolerInstances;
    final int poolerServerConnections;
    final int poolerMaxClientConn;

    private ConnectionBudget(Collection<HasMetadata> resources) {
        GenericKubernetesResource db = Manifests.custom(resources, Manifests.CNPG, "Cluster");
        cluster = db.getMetadata().getName();
        instances = ((Number) Manifests.at(db, "spec", "instances")).intValue();
        maxConnections = Integer.parseInt(Manifests.text(db, "spec", "postgresql", "parameters", "max_connections"));
        reserved = parameter(db, "superuser_reserved_connections", 3) + parameter(db, "reserved_connections", 0);

        Deployment deployment = Manifests.one(resources, Deployment.class);
        HorizontalPodAutoscaler hpa = Manifests.one(resources, HorizontalPodAutoscaler.class);
        if (!deployment.getMetadata().getName().equals(hpa.getSpec().getScaleTargetRef().getName())) {
            throw new AssertionError("the HorizontalPodAutoscaler does not scale the Deployment");
        }
        maxReplicas = hpa.getSpec().getMaxReplicas();
        surge = surge(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge(), maxReplicas);
        pods = maxReplicas + surge;

        Container container = Manifests.onlyContainer(deployment);
        Map<String, String> env = Manifests.environment(container, resources);
        Properties app = Manifests.production();
        reactive = size(env, "QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", app.getProperty("quarkus.datasource.reactive.max-size"));
        imports = size(env, "FORSA_DB_IMPORT_MAX_SIZE", app.getProperty("forsa.db.import.max-size"));
        read = size(env, "FORSA_DB_READ_MAX_SIZE", app.getProperty("forsa.db.read.max-size"));

        List<GenericKubernetesResource> poolers = Manifests.customs(resources, Manifests.CNPG, "Pooler");
        reactiveTarget = target(container, "QUARKUS_DATASOURCE_REACTIVE_URL", "uri", poolers);
        jdbcTarget = target(container, "QUARKUS_DATASOURCE_JDBC_URL", "jdbc-uri", poolers);
        // Unset: the reads go to the primary. Counted there with the read pool's size, in case the
        // application opens that pool on the primary rather than sharing the reactive one.
        readTarget = env.containsKey("FORSA_DB_READ_URL") ? target(container, "FORSA_DB_READ_URL", null, poolers) : Target.PRIMARY;

        if (reactiveTarget == Target.POOLER) {
            pooler = poolers.stream().filter(p -> p.getMetadata().getName().equals(host(literal(container, "QUARKUS_DATASOURCE_REACTIVE_URL"))))
                    .findFirst().orElseThrow();
            Object poolerReplicas = Manifests.at(pooler, "spec", "instances");
            poolerInstances = poolerReplicas == null ? 1 : ((Number) poolerReplicas).intValue();
            String maxDb = Manifests.text(pooler, "spec", "pgbouncer", "parameters", "max_db_connections");
            if (maxDb == null) {
                throw new AssertionError("Pooler " + pooler.getMetadata().getName()
                        + " sets no max_db_connections: its connections to PostgreSQL are unbounded");
            }
            poolerServerConnections = poolerInstances * Integer.parseInt(maxDb);
            String maxClient = Manifests.text(pooler, "spec", "pgbouncer", "parameters", "max_client_conn");
            poolerMaxClientConn = maxClient == null ? 100 : Integer.parseInt(maxClient);
        } else {
            pooler = null;
            poolerInstances = 0;
            poolerServerConnections = 0;
            poolerMaxClientConn = 0;
        }
    }

    static ConnectionBudget of(Collection<HasMetadata> resources) {
        return new ConnectionBudget(resources);
    }

    /** What one instance accepts from non-superusers. */
    int available() {
        return maxConnections - reserved;
    }

    int primary() {
        return pods * (onPrimary(reactiveTarget) ? reactive + READINESS : 0)
                + pods * (onPrimary(readTarget) ? read : 0)
                + pods * (onPrimary(reactiveTarget) ? imports : 0)
                + poolerServerConnections;
    }

    /** Every read connection on one standby (the other may be down, or the Service's spread uneven). */
    int standby() {
        return pods * (onStandby(readTarget) ? read : 0) + pods * (onStandby(reactiveTarget) ? reactive + READINESS : 0);
    }

    int poolerClients() {
        return reactiveTarget == Target.POOLER ? pods * (reactive + imports + READINESS) : 0;
    }

    /** "9 x (16 + 4 + 1) = 189": how primary() adds up (reactive, read, import, readiness), for messages and docs. */
    String primaryFormula() {
        List<String> perPod = new ArrayList<>();
        if (onPrimary(reactiveTarget)) {
            perPod.add(String.valueOf(reactive));
        }
        if (onPrimary(readTarget)) {
            perPod.add(String.valueOf(read));
        }
        if (onPrimary(reactiveTarget)) {
            perPod.add(String.valueOf(imports));
        }
        if (onPrimary(reactiveTarget)) {
            perPod.add(String.valueOf(READINESS));
        }
        String pooled = poolerServerConnections > 0 ? poolerInstances + " x " + (poolerServerConnections / poolerInstances) : "";
        if (perPod.isEmpty()) { // everything through the pooler
            return pooled + " = " + primary();
        }
        String sum = perPod.size() == 1 ? perPod.get(0) : "(" + String.join(" + ", perPod) + ")";
        return pods + " x " + sum + (pooled.isEmpty() ? "" : " + " + pooled) + " = " + primary();
    }

    String standbyFormula() {
        return pods + " x " + read + " = " + standby();
    }

    /** Everything that does not fit; empty when the budget holds. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        String ceiling = " at the HPA ceiling (" + maxReplicas + " + " + surge + " surge = " + pods + " pods)";
        if (primary() > available()) {
            problems.add("primary: " + primaryFormula() + " connections" + ceiling + " exceed max_connections " + maxConnections
                    + " - " + reserved + " reserved = " + available());
        }
        if (standby() > available()) {
            problems.add("standby: " + standbyFormula() + " connections" + ceiling + " exceed max_connections " + maxConnections
                    + " - " + reserved + " reserved = " + available());
        }
        if ((onStandby(readTarget) || onStandby(reactiveTarget)) && instances < 2) {
            problems.add("reads go to " + cluster + "-ro but the cluster has no standby (instances: " + instances + ")");
        }
        if (jdbcTarget == Target.POOLER) {
            problems.add("Flyway (JDBC) must reach the primary directly: its advisory lock can be session-level, which transaction pooling breaks");
        }
        if (poolerClients() > poolerMaxClientConn) {
            problems.add("PgBouncer: " + pods + " x (" + reactive + " + " + READINESS + ") = " + poolerClients() + " client connections" + ceiling
                    + " exceed max_client_conn " + poolerMaxClientConn + " of one PgBouncer pod");
        }
        return problems;
    }

    private static boolean onPrimary(Target target) {
        return target == Target.PRIMARY || target == Target.ANY_INSTANCE;
    }

    private static boolean onStandby(Target target) {
        return target == Target.STANDBY || target == Target.ANY_INSTANCE;
    }

    /** Where a variable's URL leads: the app secret of CloudNativePG (primary) or a literal URL. */
    private Target target(Container container, String name, String secretKey, List<GenericKubernetesResource> poolers) {
        EnvVar var = container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not set on the Deployment"));
        if (var.getValueFrom() != null) {
            var ref = var.getValueFrom().getSecretKeyRef();
            if (ref == null || !ref.getName().equals(cluster + "-app") || !ref.getKey().equals(secretKey)) {
                throw new AssertionError(name + " must be a literal URL or key " + secretKey + " of secret " + cluster + "-app");
            }
            return Target.PRIMARY; // CloudNativePG writes <cluster>-rw into uri and jdbc-uri.
        }
        String host = host(var.getValue());
        if (host.equals(cluster + "-rw")) {
            return Target.PRIMARY;
        }
        if (host.equals(cluster + "-ro")) {
            return Target.STANDBY;
        }
        if (host.equals(cluster + "-r")) {
            return Target.ANY_INSTANCE;
        }
        for (GenericKubernetesResource p : poolers) {
            if (p.getMetadata().getName().equals(host)) {
                if (!cluster.equals(Manifests.text(p, "spec", "cluster", "name")) || !"rw".equals(Manifests.text(p, "spec", "type"))) {
                    throw new AssertionError(name + " goes through Pooler " + host + ", which is not a rw pooler of " + cluster);
                }
                return Target.POOLER;
            }
        }
        throw new AssertionError(name + " points at " + host + ", neither a service of cluster " + cluster + " nor one of its Poolers");
    }

    private static String literal(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
    }

    /** The service name in a PostgreSQL URL (jdbc: or not), without the namespace part. */
    static String host(String url) {
        String host = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url).getHost();
        if (host == null) {
            throw new AssertionError("no host in " + url);
        }
        return host.split("\\.")[0];
    }

    private static int size(Map<String, String> env, String name, String fallback) {
        String value = env.get(name) != null ? env.get(name) : fallback;
        if (value == null) {
            throw new AssertionError(name + " is not set: the connection budget cannot be computed");
        }
        return Integer.parseInt(value);
    }

    private static int parameter(GenericKubernetesResource db, String name, int fallback) {
        String value = Manifests.text(db, "spec", "postgresql", "parameters", name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    /** Kubernetes rounds a percentage maxSurge up. */
    private static int surge(IntOrString maxSurge, int replicas) {
        if (maxSurge == null) {
            return (int) Math.ceil(replicas * 0.25);
        }
        if (maxSurge.getIntVal() != null) {
            return maxSurge.getIntVal();
        }
        int percent = Integer.parseInt(maxSurge.getStrVal().replace("%", ""));
        return (int) Math.ceil(replicas * percent / 100.0);
    }
}
