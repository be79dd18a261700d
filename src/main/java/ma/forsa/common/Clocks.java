package ma.forsa.common;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The one clock of Forsa, in the configured zone ({@code forsa.time.zone}, Africa/Casablanca by default): "today"
 * is the same for every Java path and, passed as a parameter, for SQL (no {@code current_date} in queries).
 */
@ApplicationScoped
public class Clocks {

    /** The zone of {@code forsa.time.zone} when it is not set. */
    public static final String DEFAULT_ZONE = "Africa/Casablanca";

    @ConfigMapping(prefix = "forsa.time")
    public interface TimeConfig {
        /** The zone whose calendar decides today's date (expiry of agreements, ages, future dates). */
        @WithDefault(DEFAULT_ZONE)
        ZoneId zone();
    }

    @Produces
    @Singleton
    Clock clock(TimeConfig config) {
        return Clock.system(config.zone());
    }

    /** Today in the clock's zone. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock);
    }
}
