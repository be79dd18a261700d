package ma.forsa.stats;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

/** Restricts statistics to an academy, a school year and/or enrollments made between two dates. */
@Input("StatsFilter")
public record StatsFilter(@Id String academyCode, String schoolYear,
        @Description("Only enrollments made on or after this date (enrolledOn). MINISTRY: the first day of a month.") LocalDate from,
        @Description("Only enrollments made on or before this date (enrolledOn). MINISTRY: the last day of a month.") LocalDate to) {

    public static final StatsFilter NONE = new StatsFilter(null, null, null, null);
}
