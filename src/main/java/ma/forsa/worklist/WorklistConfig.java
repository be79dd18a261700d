package ma.forsa.worklist;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** forsa.worklist.*: the follow-up worklist's windows. */
@ConfigMapping(prefix = "forsa.worklist")
public interface WorklistConfig {

    /** A follow-up due on D (exit + 3, 6 or 12 months) is recorded on time from D - this to D + this (days, 1 to 45). */
    @WithDefault("30")
    int followUpWindowDays();

    /** A follow-up stays on the overdue list this many days after its window closed (1 to 730). */
    @WithDefault("365")
    int overdueHorizonDays();

    /** An enrollment still ENROLLED this many days after its enrollment date is listed as not started (1 to 365). */
    @WithDefault("14")
    int notStartedAfterDays();

    /** A PLANNED tranche with a condition is listed from this many days before its due date (1 to 365). */
    @WithDefault("30")
    int trancheWindowDays();
}
