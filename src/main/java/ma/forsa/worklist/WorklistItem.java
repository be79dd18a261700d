package ma.forsa.worklist;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.agreement.Tranche;
import ma.forsa.enrollment.Enrollment;

/** One thing to do (GraphQL type): a follow-up, an enrollment or a tranche, with its due date. */
@Type("WorklistItem")
@Description("One thing to do by dueOn: a follow-up or an enrollment (enrollment set), or a tranche report (tranche set).")
public record WorklistItem(@Id @NonNull String id, @NonNull WorklistKind kind, @NonNull LocalDate dueOn,
        @Description("Follow-ups: 3, 6 or 12 (months after exit).") Integer followUpMonth,
        @Description("Follow-ups: recorded on time from windowOpensOn to windowClosesOn.") LocalDate windowOpensOn,
        LocalDate windowClosesOn,
        @Description("Follow-ups: whether the guardian's contact data is shown (a consent to contact after exit is in force).")
        Boolean contactAllowed,
        Enrollment enrollment, Tranche tranche, @Ignore UUID agreementId) {
}
