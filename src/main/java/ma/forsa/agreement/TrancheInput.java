package ma.forsa.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("TrancheInput")
public record TrancheInput(@NonNull BigDecimal amount, @NonNull LocalDate dueOn, String condition) {
}
