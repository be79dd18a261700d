package ma.forsa.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class RedactingLogFilterTest {

    @Test
    void constraintDetailsKeepTheColumnAndLoseTheValue() {
        assertEquals("ERROR: duplicate key value violates unique constraint \"learner_massar_code_key\" Detail: Key (massar_code)=(…) already exists.",
                RedactingLogFilter.redact("ERROR: duplicate key value violates unique constraint \"learner_massar_code_key\" "
                        + "Detail: Key (massar_code)=(J130012345) already exists."));
        assertEquals("Failing row contains (…).", RedactingLogFilter.redact("Failing row contains (1, Amina, Bennani)."));
    }

    @Test
    void aLogRecordAndItsExceptionAreRedacted() {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "HR000057: Failed to execute statement [%s]: %s", ExtLogRecord.FormatStyle.PRINTF,
                RedactingLogFilterTest.class.getName());
        record.setParameters(new Object[] { "insert into learner", "Key (massar_code)=(J130012345) already exists" });
        record.setThrown(new IllegalStateException("Detail: Key (massar_code)=(J130012345) already exists"));
        assertTrue(new RedactingLogFilter().isLoggable(record));
        assertFalse(record.getFormattedMessage().contains("J130012345"), record.getFormattedMessage());
        assertTrue(record.getFormattedMessage().contains("massar_code"));
        assertNull(record.getThrown());
    }
}
