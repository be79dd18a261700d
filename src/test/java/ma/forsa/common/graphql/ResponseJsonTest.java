package ma.forsa.common.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import graphql.ExecutionResultImpl;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.smallrye.graphql.execution.ExecutionResponse;
import ma.forsa.common.Json;

/**
 * The response writer gives the text SmallRye's {@code jakarta.json} tree gave for the same result: the same escapes,
 * the same numbers, the same key order, nulls kept; the extensions SmallRye would write; and refuses what it does not
 * know, so that the endpoint can fall back.
 */
class ResponseJsonTest {

    private static String written(Object value) {
        ByteBuf out = Unpooled.buffer(16); // grown as it is written
        ResponseJson.value(out, value);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** SmallRye's own text of {@code data}. */
    private static String smallRye(Object data) {
        return new ExecutionResponse(ExecutionResultImpl.newExecutionResult().data(data).build()).getExecutionResultAsJsonObject()
                .get("data").toString();
    }

    private enum Status {
        ACTIVE
    }

    @Test
    void writesWhatSmallRyesTreeWrote() {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", "Fatima-Zahra El \"Idrissi\" \\ \u0001\u001f\b\f\n\r\t/é ع 😀");
        node.put("empty", "");
        node.put("none", null);
        node.put("count", 42);
        node.put("negative", -7);
        node.put("big", Long.MAX_VALUE);
        node.put("short", (short) 3);
        node.put("byte", (byte) -2);
        node.put("flag", true);
        node.put("off", false);
        node.put("budget", 349000.0);
        node.put("rate", 0.1 + 0.2);
        node.put("huge", 1.0e7);
        node.put("tiny", 1.5e-9);
        node.put("float", 0.1f);
        node.put("zero", 0.0);
        node.put("minusZero", -0.0);
        node.put("bounds", Arrays.asList(1e-3, 0.00099999, 9_999_999.99, 1e7, -1e7, -0.5, 125000.5, 1e-7, 123456789.125, 2e21));
        node.put("decimal", new BigDecimal("1234.500"));
        node.put("integer", new BigInteger("123456789012345678901234567890"));
        node.put("status", Status.ACTIVE);
        node.put("list", Arrays.asList(1, null, "two", List.of(), Map.of()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("learners", List.of(node, node));
        data.put("missing", null);
        data.put("edges", new ArrayList<>());

        assertEquals(smallRye(data), written(data));
        // and it is JSON that reads back to the same values
        assertEquals(Json.createReader(new StringReader(smallRye(data))).readObject(),
                Json.createReader(new StringReader(written(data))).readObject());
    }

    @Test
    void aValueItDoesNotKnowOrANonFiniteNumberIsRefused() {
        assertThrows(ResponseJson.Unsupported.class, () -> written(Map.of("day", LocalDate.of(2026, 12, 3))));
        assertThrows(ResponseJson.Unsupported.class, () -> written(List.of(Double.NaN)));
        assertThrows(ResponseJson.Unsupported.class, () -> written(Double.POSITIVE_INFINITY));
    }

    @Test
    void extensionsAreTheResultsOwnElseThoseAddedToTheContext() {
        var withOwn = ExecutionResultImpl.newExecutionResult().data(Map.of()).addExtension("cost", 3).build();
        assertEquals(Map.of("cost", 3), ResponseJson.extensions(new ExecutionResponse(withOwn, Map.of("withheld", List.of()))));

        var plain = ExecutionResultImpl.newExecutionResult().data(Map.of()).build();
        Map<String, Object> added = Map.of("withheld", List.of(Map.of("path", List.of("learner", "guardianPhone"))));
        assertEquals(added, ResponseJson.extensions(new ExecutionResponse(plain, added)));
        assertEquals(null, ResponseJson.extensions(new ExecutionResponse(plain, Map.of())));
        assertEquals(null, ResponseJson.extensions(new ExecutionResponse(plain)));
    }
}
