package ma.forsa.common.rules;

import java.util.List;
import java.util.Locale;

import ma.forsa.common.ErrorCode;
import ma.forsa.common.i18n.Messages;

/**
 * One broken rule: its error code, the input field at fault (a GraphQL input field name, which the import maps
 * to its column), and a message key of the catalogue ({@link Messages}) with its arguments. Rules return every
 * violation they find rather than the first; each path renders them in its caller's language.
 */
public record Violation(ErrorCode code, String field, String key, List<Object> args) {

    public Violation {
        args = List.copyOf(args);
    }

    public static Violation of(ErrorCode code, String field, String key, Object... args) {
        return new Violation(code, field, key, List.of(args));
    }

    public static Violation invalid(String field, String key, Object... args) {
        return of(ErrorCode.VALIDATION, field, key, args);
    }

    public String message(Locale locale) {
        return Messages.text(locale, key, args.toArray());
    }
}
