package ma.forsa.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every link of the README and of docs/ works in a clone: relative links point at a file or folder of this repository
 * (never outside it, like the design folder next to it), and anchors at a heading of the page they name. Plain JUnit.
 */
@Tag("unit")
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+?) *$");

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void everyLinkOfTheReadmeAndTheDocsWorksInAClone() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            String text = FENCE.matcher(Files.readString(page)).replaceAll("");
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")) {
                    continue;
                }
                checked++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = ROOT.relativize(page) + ": " + target;
                if (!resolved.startsWith(ROOT)) {
                    broken.add(where + " (outside the repository)");
                } else if (!Files.exists(resolved)) {
                    broken.add(where + " (no such file)");
                } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    broken.add(where + " (no such heading)");
                }
            }
        }
        assertTrue(checked > 50, "the scan found the links (" + checked + ")");
        assertEquals(List.of(), broken);
    }

    @Test
    void theDocsTreeHasThePagesTheReadmeAndIssue14Name() {
        for (String page : List.of("docs/README.md", "docs/development.md", "docs/domain.md", "docs/architecture.md",
                "docs/api/README.md", "docs/api/errors.md", "docs/import.md", "docs/statistics.md",
                "docs/privacy-and-audit.md", "docs/operations/README.md", "docs/deployment.md",
                "docs/adr/0001-one-data-path.md", "docs/adr/0002-trigger-maintained-statistics.md",
                "docs/adr/0003-import-design.md", "docs/adr/0004-one-access-policy.md")) {
            assertTrue(Files.isRegularFile(ROOT.resolve(page)), page);
        }
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces turned into hyphens. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        Matcher m = HEADING.matcher(FENCE.matcher(Files.readString(page)).replaceAll(""));
        while (m.find()) {
            anchors.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }
}
