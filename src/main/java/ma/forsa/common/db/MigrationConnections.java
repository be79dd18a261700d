package ma.forsa.common.db;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.internal.jdbc.DriverDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionFactoryConfiguration;
import io.agroal.api.security.SimplePassword;
import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * Flyway's JDBC connections get the deadlines of {@link DbConfig}: connect and login within {@code forsa.db.connect-timeout},
 * PostgreSQL's {@code statement_timeout} = {@code forsa.db.migration.statement-timeout}, and a socket timeout
 * (statement timeout + {@code response-margin}) so that a frozen server fails the start-up instead of hanging it.
 *
 * <p>Flyway gets either the JDBC datasource (Agroal: dev mode, tests) or, when {@code quarkus.flyway.username} /
 * {@code password} are set (production: the database owner, while the service runs as a less privileged role), a
 * connection of its own on the same JDBC URL. Either way the URL and the credentials are kept and only the deadlines are
 * added, on plain (unpooled) connections: Flyway opens at most two, at start-up.
 */
@Singleton
public class MigrationConnections implements FlywayConfigurationCustomizer {

    private final DbConfig config;

    @Inject
    public MigrationConnections(DbConfig config) {
        this.config = config;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        DataSource given = configuration.getDataSource();
        String url;
        String user;
        String password;
        if (given instanceof DriverDataSource own) {
            url = own.getUrl();
            user = own.getUser();
            password = own.getPassword();
        } else if (given instanceof AgroalDataSource agroal) {
            AgroalConnectionFactoryConfiguration factory = agroal.getConfiguration().connectionPoolConfiguration()
                    .connectionFactoryConfiguration();
            url = factory.jdbcUrl();
            user = factory.principal() == null ? null : factory.principal().getName();
            password = factory.credentials().stream().filter(SimplePassword.class::isInstance).map(c -> ((SimplePassword) c).getWord())
                    .findFirst().orElse(null);
        } else {
            throw new IllegalStateException("Flyway's datasource is neither Flyway's nor Agroal's: its deadlines cannot be set");
        }
        configuration.dataSource(bounded(url, user, password));
        // app_role is the service's username (application.properties); without one, R__service_role.sql has nothing to grant.
        Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
        placeholders.putIfAbsent("app_role", "");
        configuration.placeholders(placeholders);
    }

    DataSource bounded(String url, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        // Credentials given apart from the URL win over any in it (the datasource's user may differ from Flyway's).
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        Duration statement = config.migration().statementTimeout();
        dataSource.setConnectTimeout(seconds(config.connectTimeout()));
        dataSource.setLoginTimeout(seconds(config.connectTimeout()));
        dataSource.setSocketTimeout(seconds(statement.plus(config.responseMargin())));
        dataSource.setOptions("-c statement_timeout=" + statement.toMillis());
        return dataSource;
    }

    private static int seconds(Duration duration) {
        return (int) Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
