package ma.forsa.common.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import graphql.ExceptionWhileDataFetching;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import ma.forsa.common.ApiException;
import ma.forsa.common.ErrorCode;

/** What reaches the client of an unexpected failure, of an optimistic lock, and of a deliberate error. */
class ErrorShapesTest {

    private static ErrorShapes.Shaped shape(Throwable failure, Locale locale) {
        return ErrorShapes.shape(new ExceptionWhileDataFetching(ResultPath.parse("/learner"), failure, new SourceLocation(1, 3)),
                locale, "req-12345678");
    }

    @Test
    void anUnexpectedFailureIsTheGenericMessageWithTheRequestIdAndNothingElse() {
        var failure = new IllegalStateException("Connection refused: /127.0.0.1:55432",
                new RuntimeException("ERROR: duplicate key value violates unique constraint Key (massar_code)=(J130012345)"));
        ErrorShapes.Shaped shaped = shape(new java.util.concurrent.CompletionException(failure), Locale.ENGLISH);
        String json = shaped.json().toString();
        assertEquals(ErrorCode.INTERNAL, shaped.code());
        assertEquals("req-12345678", shaped.json().getJsonObject("extensions").getString("requestId"));
        assertTrue(shaped.json().getString("message").contains("req-12345678"));
        for (String leak : new String[] { "127.0.0.1", "55432", "J130012345", "IllegalState", "java.", "Connection refused" }) {
            assertFalse(json.contains(leak), leak + " leaked: " + json);
        }
        assertEquals("learner", shaped.json().getJsonArray("path").getString(0));
    }

    @Test
    void anOptimisticLockFailureIsAConflict() {
        ErrorShapes.Shaped shaped = shape(new org.hibernate.StaleObjectStateException("ma.forsa.agreement.AgreementEntity", "x"),
                Locale.FRENCH);
        assertEquals(ErrorCode.CONFLICT, shaped.code());
        assertTrue(shaped.json().getString("message").startsWith("L'enregistrement"), shaped.json().toString());
    }

    @Test
    void aDeliberateErrorKeepsItsCodeFieldAndDetailsInTheCallersLanguage() {
        ApiException e = ApiException.invalid("birthDate", "input.required", "birthDate");
        ErrorShapes.Shaped en = shape(e, Locale.ENGLISH);
        ErrorShapes.Shaped fr = shape(e, Locale.FRENCH);
        assertEquals("VALIDATION", en.json().getJsonObject("extensions").getString("code"));
        assertEquals("birthDate", en.json().getJsonObject("extensions").getString("field"));
        assertEquals("birthDate is required: send a non-empty value.", en.json().getString("message"));
        assertEquals("birthDate est obligatoire : envoyez une valeur non vide.", fr.json().getString("message"));
        ApiException withList = new ApiException(ErrorCode.INVALID_TRANSITION, "no", Map.of("allowed", java.util.List.of("A", "B")));
        assertEquals(2, shape(withList, Locale.ENGLISH).json().getJsonObject("extensions").getJsonArray("allowed").size());
    }
}
