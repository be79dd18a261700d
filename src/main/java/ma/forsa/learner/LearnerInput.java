package ma.forsa.learner;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("LearnerInput")
public record LearnerInput(String massarCode, String cin, @NonNull String firstName, @NonNull String lastName,
        String firstNameAr, String lastNameAr, @NonNull LocalDate birthDate, @NonNull Sex sex,
        @Id String provinceOfResidenceCode, String guardianName, String guardianPhone, Boolean disability,
        String lastGradeCompleted, Integer leftSchoolYear, String dropoutReason, LocalDate consentRecordedOn) {
}
