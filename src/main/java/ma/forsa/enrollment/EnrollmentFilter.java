package ma.forsa.enrollment;

import java.util.List;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A class rather than a record: SmallRye would make a record's list component non-null ({@code [X!]!}). */
@Input("EnrollmentFilter")
public class EnrollmentFilter {

    private String schoolYear;
    private List<@NonNull EnrollmentStatus> status;

    public EnrollmentFilter() {
    }

    public EnrollmentFilter(String schoolYear, List<EnrollmentStatus> status) {
        this.schoolYear = schoolYear;
        this.status = status;
    }

    public String getSchoolYear() {
        return schoolYear;
    }

    public void setSchoolYear(String schoolYear) {
        this.schoolYear = schoolYear;
    }

    public List<@NonNull EnrollmentStatus> getStatus() {
        return status;
    }

    public void setStatus(List<@NonNull EnrollmentStatus> status) {
        this.status = status;
    }

    public String schoolYear() {
        return schoolYear;
    }

    public List<EnrollmentStatus> status() {
        return status;
    }
}
