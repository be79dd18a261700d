package ma.forsa.common.graphql;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

import jakarta.json.JsonValue;

import io.smallrye.graphql.execution.ExecutionResponse;

/**
 * Writes the values of a GraphQL result (what graphql-java's execution leaves: maps, lists, strings, numbers, booleans,
 * enums, nulls) as JSON text, in one pass into one buffer.
 * <p>
 * SmallRye's {@code ExecutionResponse} first copies the whole result into a {@code jakarta.json} tree (a builder and an
 * immutable map per object) that is then written out: on a page of nested objects that was about a sixth of the
 * service's CPU per request. Numbers are written as that tree wrote them (a {@code Double} through
 * {@code BigDecimal.valueOf}, a {@code Float} through its decimal string), strings escaped as JSON requires (quote,
 * backslash, control characters), so that the text is the same as before.
 */
final class ResponseJson {

    /** A value this writer does not know: the caller falls back to SmallRye's own conversion. */
    static final class Unsupported extends RuntimeException {
        Unsupported(Class<?> type) {
            super("no JSON form for " + type.getName(), null, false, false);
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * SmallRye's {@code ExecutionResponse.addedExtensions}: what {@code SmallRyeContext.addExtension} added (Forsa's
     * {@code extensions.withheld}), which the response has no getter for. Null if this SmallRye has no such field: then
     * every response without extensions of its own goes through SmallRye's conversion ({@code ResponseJsonTest} fails
     * first).
     */
    private static final VarHandle ADDED_EXTENSIONS = addedExtensions();

    private static VarHandle addedExtensions() {
        try {
            return MethodHandles.privateLookupIn(ExecutionResponse.class, MethodHandles.lookup()).findVarHandle(ExecutionResponse.class,
                    "addedExtensions", Map.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private ResponseJson() {
    }

    /**
     * The response's extensions as SmallRye writes them: the result's own if it has any, else those added to the
     * context (if not empty); null for none.
     */
    static Map<?, ?> extensions(ExecutionResponse response) {
        Map<?, ?> own = response.getExecutionResult().getExtensions();
        if (own != null) {
            return own;
        }
        if (ADDED_EXTENSIONS == null) {
            throw new Unsupported(ExecutionResponse.class);
        }
        Map<?, ?> added = (Map<?, ?>) ADDED_EXTENSIONS.get(response);
        return added == null || added.isEmpty() ? null : added;
    }

    static void value(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(out, s);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, String.valueOf(e.getKey()));
                    out.append(':');
                    value(out, e.getValue());
                }
                out.append('}');
            }
            case Collection<?> list -> {
                out.append('[');
                boolean first = true;
                for (Object item : list) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    value(out, item);
                }
                out.append(']');
            }
            case Boolean b -> out.append(b.booleanValue());
            case Integer i -> out.append(i.intValue());
            case Long l -> out.append(l.longValue());
            case Short s -> out.append(s.intValue());
            case Byte b -> out.append(b.intValue());
            case Double d -> decimal(out, d);
            case Float f -> out.append(new BigDecimal(String.valueOf(f)));
            case BigDecimal d -> out.append(d);
            case BigInteger i -> out.append(i);
            case Enum<?> e -> string(out, e.name());
            case JsonValue json -> out.append(json);
            default -> throw new Unsupported(value.getClass());
        }
    }

    /**
     * A double as {@code BigDecimal.valueOf(d).toString()} writes it. Between 10^-3 and 10^7 that is
     * {@code Double.toString}'s plain notation, written without the BigDecimal (amounts, rates); zero is "0.0" whatever
     * its sign.
     */
    private static void decimal(StringBuilder out, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new Unsupported(Double.class);
        }
        double magnitude = Math.abs(d);
        if (d == 0) {
            out.append("0.0");
        } else if (magnitude >= 1e-3 && magnitude < 1e7) {
            out.append(d);
        } else {
            out.append(BigDecimal.valueOf(d));
        }
    }

    /** A JSON string: quote, backslash and the control characters escaped, everything else as it is. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        int start = 0;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(s, start, length).append('"');
    }
}
