package ma.forsa.worklist;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("FollowUpCompletionFilter")
public record FollowUpCompletionFilter(@Id String academyCode,
        @Description("First month (YYYY-MM) whose closing windows are counted; default: 12 months before toMonth.") String fromMonth,
        @Description("Last month (YYYY-MM); default: the last complete month.") String toMonth) {
}
