package ma.forsa.common.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import ma.forsa.common.ErrorCode;
import ma.forsa.security.Action;

/**
 * The message catalogue is complete: French and English have the same keys, every action of the policy has its label,
 * every key a rule names exists, every message formats, and every error code is documented. Plain JUnit.
 */
@Tag("unit")
class MessageCatalogueTest {

    private static Properties catalogue(String language) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageCatalogueTest.class.getResourceAsStream("/i18n/messages_" + language + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void frenchAndEnglishHaveTheSameKeys() throws IOException {
        Set<String> fr = new TreeSet<>(catalogue("fr").stringPropertyNames());
        Set<String> en = new TreeSet<>(catalogue("en").stringPropertyNames());
        Set<String> onlyFr = new TreeSet<>(fr);
        onlyFr.removeAll(en);
        Set<String> onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(fr);
        assertTrue(onlyFr.isEmpty() && onlyEn.isEmpty(), "only in French: " + onlyFr + "; only in English: " + onlyEn);
    }

    @Test
    void arabicHasNoKeyTheOthersLack() throws IOException {
        Set<String> ar = new TreeSet<>(catalogue("ar").stringPropertyNames());
        ar.removeAll(catalogue("fr").stringPropertyNames());
        assertTrue(ar.isEmpty(), "only in Arabic: " + ar);
    }

    @Test
    void everyActionHasALabelInEveryLanguage() {
        for (Action action : Action.values()) {
            for (Locale language : List.of(Messages.FRENCH, Messages.ENGLISH)) {
                assertTrue(Messages.has(language, "action." + action.name()), "action." + action.name() + " in " + language);
            }
        }
    }

    @Test
    void everyMessageFormatsInEveryLanguage() throws IOException {
        for (String language : List.of("fr", "en", "ar")) {
            Properties p = catalogue(language);
            for (String key : p.stringPropertyNames()) {
                String text = Messages.text(Locale.forLanguageTag(language), key, "a", "b", "c", "d", "e");
                assertTrue(!text.isBlank() && !text.contains("{0}"), language + " " + key + ": " + text);
            }
        }
    }

    /** Every literal message key given to Violation.of / Violation.invalid / Messages.text in the main code exists. */
    @Test
    void everyKeyTheCodeNamesExists() throws IOException {
        Set<String> known = catalogue("fr").stringPropertyNames();
        Pattern call = Pattern.compile("(?:Violation\\.(?:invalid|of)|Messages\\.text)\\(([^;]*)");
        Pattern key = Pattern.compile("\"([a-z]+(?:\\.[A-Za-z]+)+)\"");
        List<String> missing = new ArrayList<>();
        int found = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher calls = call.matcher(Files.readString(file));
                while (calls.find()) {
                    Matcher keys = key.matcher(calls.group(1));
                    while (keys.find()) {
                        found++;
                        if (!known.contains(keys.group(1))) {
                            missing.add(file.getFileName() + ": " + keys.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(found > 50, "the scan found the rules' keys (" + found + ")");
        assertTrue(missing.isEmpty(), "keys missing from the catalogue: " + missing);
    }

    @Test
    void everyErrorCodeIsDocumented() throws IOException {
        String errors = Files.readString(Path.of("docs/api/errors.md"));
        List<String> undocumented = Stream.of(ErrorCode.values()).map(Enum::name)
                .filter(code -> !errors.contains("| `" + code + "` |")).toList();
        assertEquals(List.of(), undocumented, "add a row to docs/api/errors.md for each");
    }
}
