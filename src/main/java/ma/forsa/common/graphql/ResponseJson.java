package ma.forsa.common.graphql;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

import jakarta.json.JsonValue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.smallrye.graphql.execution.ExecutionResponse;

/**
 * Writes the values of a GraphQL result (what graphql-java's execution leaves: maps, lists, strings, numbers, booleans,
 * enums, nulls) as JSON text in UTF-8, in one pass into the buffer the response is sent from (no string built, copied and
 * encoded on the way).
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

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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

    static void value(ByteBuf out, Object value) {
        switch (value) {
            case null -> ascii(out, "null");
            case String s -> string(out, s);
            case Map<?, ?> map -> {
                out.writeByte('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.writeByte(',');
                    }
                    first = false;
                    string(out, String.valueOf(e.getKey()));
                    out.writeByte(':');
                    value(out, e.getValue());
                }
                out.writeByte('}');
            }
            case Collection<?> list -> {
                out.writeByte('[');
                boolean first = true;
                for (Object item : list) {
                    if (!first) {
                        out.writeByte(',');
                    }
                    first = false;
                    value(out, item);
                }
                out.writeByte(']');
            }
            case Boolean b -> ascii(out, b ? "true" : "false");
            case Integer i -> ascii(out, Integer.toString(i));
            case Long l -> ascii(out, Long.toString(l));
            case Short s -> ascii(out, Integer.toString(s));
            case Byte b -> ascii(out, Integer.toString(b));
            case Double d -> decimal(out, d);
            case Float f -> ascii(out, new BigDecimal(String.valueOf(f)).toString());
            case BigDecimal d -> ascii(out, d.toString());
            case BigInteger i -> ascii(out, i.toString());
            case Enum<?> e -> string(out, e.name());
            case JsonValue json -> ByteBufUtil.writeUtf8(out, json.toString());
            default -> throw new Unsupported(value.getClass());
        }
    }

    /**
     * A double as {@code BigDecimal.valueOf(d).toString()} writes it. Between 10^-3 and 10^7 that is
     * {@code Double.toString}'s plain notation, written without the BigDecimal (amounts, rates); zero is "0.0" whatever
     * its sign.
     */
    private static void decimal(ByteBuf out, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new Unsupported(Double.class);
        }
        double magnitude = Math.abs(d);
        if (d == 0) {
            ascii(out, "0.0");
        } else if (magnitude >= 1e-3 && magnitude < 1e7) {
            ascii(out, Double.toString(d));
        } else {
            ascii(out, BigDecimal.valueOf(d).toString());
        }
    }

    /** Text known to be ASCII (numbers, literals). */
    private static void ascii(ByteBuf out, String s) {
        ByteBufUtil.writeAscii(out, s);
    }

    /**
     * A JSON string in UTF-8: quote, backslash and the control characters escaped, everything else as it is (a lone
     * surrogate as '?', as Java's UTF-8 encoder writes it).
     */
    static void string(ByteBuf out, String s) {
        // encoded by the JDK (a copy for text without accents), then scanned as bytes: in UTF-8 no byte of a multi-byte
        // character is below 0x80, so the bytes to escape are found without decoding (two passes of charAt before: 8 %
        // of q2's CPU)
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeByte('"');
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte c = bytes[i];
            if (c < 0 || c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            if (i > start) {
                out.writeBytes(bytes, start, i - start);
            }
            start = i + 1;
            switch (c) {
                case '"' -> ascii(out, "\\\"");
                case '\\' -> ascii(out, "\\\\");
                case '\b' -> ascii(out, "\\b");
                case '\f' -> ascii(out, "\\f");
                case '\n' -> ascii(out, "\\n");
                case '\r' -> ascii(out, "\\r");
                case '\t' -> ascii(out, "\\t");
                default -> out.writeByte('\\').writeByte('u').writeByte('0').writeByte('0').writeByte(HEX[c >> 4])
                        .writeByte(HEX[c & 0xF]);
            }
        }
        if (bytes.length > start) {
            out.writeBytes(bytes, start, bytes.length - start);
        }
        out.writeByte('"');
    }
}
