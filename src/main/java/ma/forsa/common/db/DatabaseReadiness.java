package ma.forsa.common.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * /q/health/ready: DOWN when PostgreSQL does not answer {@code SELECT 1} within {@code forsa.db.readiness-timeout}, on a
 * connection of its own (never behind a busy pool). Replaces Quarkus's datasource checks
 * ({@code quarkus.datasource.health.enabled=false}), which wait as long as the pool and the driver do. The answer names
 * no host: it is the database's reachability, nothing else.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    static final String NAME = "database";

    private final DbPools pools;

    @Inject
    public DatabaseReadiness(DbPools pools) {
        this.pools = pools;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pools.ping()
                .map(ok -> HealthCheckResponse.up(NAME))
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
                        .withData("reason", e instanceof java.util.concurrent.TimeoutException ? "no answer in time" : "unreachable")
                        .build());
    }
}
