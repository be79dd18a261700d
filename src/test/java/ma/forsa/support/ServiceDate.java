package ma.forsa.support;

import java.time.LocalDate;
import java.time.ZoneId;

import org.eclipse.microprofile.config.ConfigProvider;

import ma.forsa.common.Clocks;

/**
 * Today as the service sees it: in its clock's zone ({@code forsa.time.zone}, Africa/Casablanca by default), not the
 * test machine's. The two calendars differ for an hour every night (23:00-00:00 UTC for Casablanca at UTC+1), so a
 * fixture or an expectation built on {@code LocalDate.now()} fails then: tests never call it (ArchitectureTest).
 */
public final class ServiceDate {

    private ServiceDate() {
    }

    /** The service's zone, read from the same configuration the service reads, with the same default. */
    public static ZoneId zone() {
        return ZoneId.of(ConfigProvider.getConfig().getOptionalValue("forsa.time.zone", String.class)
                .orElse(Clocks.DEFAULT_ZONE));
    }

    /** Today's date in the service's zone, read at each call (a test that runs across midnight sees the new day). */
    public static LocalDate today() {
        return LocalDate.now(zone());
    }
}
