package ma.forsa.learner;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("LearnerFilter")
public record LearnerFilter(@Description("Learners with an enrollment (any status) in this centre.") @Id String centerId,
        @Description("Learners with an enrollment in a centre of this academy.") @Id String academyCode, Sex sex,
        @Description("Words of the first or last name, in Latin or Arabic script; case, accents and Arabic "
                + "diacritics are ignored. Every word must match part of a name.") String search) {
}
