package ma.forsa.enrollment;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("EnrollInput")
public record EnrollInput(@NonNull @Id String learnerId, @NonNull @Id String centerId, @NonNull String schoolYear,
        @NonNull List<@NonNull Strand> strands, String vocationalField, @NonNull LocalDate enrolledOn, @Id String agreementId,
        @Description("Accept the enrollment even when the centre is full. Recorded on the enrollment and audited.")
        Boolean overrideCapacity) {
}
