package ma.forsa.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;

/**
 * Hostile import files are refused by {@link SheetReader#open(Path, ImportLimits)} with a stable reason and a French
 * message naming the limit, and a legitimate file at the limits still reads. Plain JUnit, no Quarkus: the files
 * are written streaming ({@link HostileFiles}) under {@code target/hostile-files}.
 * <p>
 * <b>Memory.</b> The bombs are hundreds of MB once inflated; the main test JVM has a large heap, so a test in it
 * would pass even if a reader held a bomb in memory. {@link #everyAttackIsRefusedInA64MegabyteHeap()} therefore
 * starts a second JVM with {@code -Xmx64m} (the same java, the test class path) running {@link #main} over the
 * attack files and the legitimate 100,000-row workbook, and checks what it prints: a reader whose memory grew
 * with the file would end in OutOfMemoryError there (the 300 MB shared string alone needs 300 MB as a String,
 * and 64 MB is 11 times less than a pod's heap) and the test would fail. A child JVM started from the test was
 * chosen over a dedicated surefire execution because it holds whatever runs the test (-Dtest filters, an IDE,
 * the whole suite) and leaves the pom alone; the parent waits at most 5 minutes for it.
 */
class HostileFilesTest {

    static final Path DIR = Path.of("target", "hostile-files");
    static final ImportLimits DEFAULTS = ImportLimits.defaults();
    static final long MB = 1 << 20;

    static final Path SHARED_STRING_BOMB = DIR.resolve("shared-string-bomb-300MB.xlsx");
    static final Path SHARED_STRING_BOMB_LYING = DIR.resolve("shared-string-bomb-300MB-lying-sizes.xlsx");
    static final Path INLINE_CELL_BOMB = DIR.resolve("inline-cell-bomb-200MB.xlsx");
    static final Path INLINE_CELL_BOMB_LYING = DIR.resolve("inline-cell-bomb-200MB-lying-sizes.xlsx");
    static final Path EMPTY_ROWS_BOMB_LYING = DIR.resolve("empty-rows-bomb-lying-sizes.xlsx");
    static final Path ROW_BOMB = DIR.resolve("row-bomb-200000-rows.xlsx");
    static final Path COLUMN_BOMB = DIR.resolve("column-bomb-1000000-columns.xlsx");
    static final Path COLUMN_BOMB_CSV = DIR.resolve("column-bomb-10000000-columns.csv");
    static final Path LONG_LINE_CSV = DIR.resolve("long-line-1MB.csv");
    static final Path ROW_BOMB_CSV = DIR.resolve("row-bomb-200000-rows.csv");
    static final Path LEGITIMATE = DIR.resolve("legitimate-100000-rows.xlsx");

    /** The files of the small-heap run, and what each must give: a refusal's reason, or READ and its line count. */
    static final Map<Path, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put(SHARED_STRING_BOMB, "ZIP_BOMB");
        EXPECTED.put(SHARED_STRING_BOMB_LYING, "CELL_TOO_LONG");
        EXPECTED.put(INLINE_CELL_BOMB, "ZIP_BOMB");
        EXPECTED.put(INLINE_CELL_BOMB_LYING, "CELL_TOO_LONG");
        EXPECTED.put(EMPTY_ROWS_BOMB_LYING, "ZIP_BOMB");
        EXPECTED.put(ROW_BOMB, "TOO_MANY_ROWS");
        EXPECTED.put(COLUMN_BOMB, "TOO_MANY_COLUMNS");
        EXPECTED.put(COLUMN_BOMB_CSV, "TOO_MANY_COLUMNS");
        EXPECTED.put(LONG_LINE_CSV, "LINE_TOO_LONG");
        EXPECTED.put(ROW_BOMB_CSV, "TOO_MANY_ROWS");
        EXPECTED.put(LEGITIMATE, "READ 100001");
    }

    @BeforeAll
    static void writeFiles() throws IOException {
        Files.createDirectories(DIR);
        HostileFiles.sharedStringBomb(SHARED_STRING_BOMB, 300 * MB);
        HostileFiles.lyingCopy(SHARED_STRING_BOMB, SHARED_STRING_BOMB_LYING, "xl/sharedStrings.xml");
        HostileFiles.inlineCellBomb(INLINE_CELL_BOMB, 200 * MB);
        HostileFiles.lyingCopy(INLINE_CELL_BOMB, INLINE_CELL_BOMB_LYING, HostileFiles.SHEET);
        Path emptyRows = DIR.resolve("empty-rows-bomb.xlsx");
        HostileFiles.emptyRowsBomb(emptyRows, 20_000_000);
        HostileFiles.lyingCopy(emptyRows, EMPTY_ROWS_BOMB_LYING, HostileFiles.SHEET);
        HostileFiles.rowBomb(ROW_BOMB, 200_000);
        HostileFiles.columnBombXlsx(COLUMN_BOMB, 1_000_000);
        HostileFiles.columnBombCsv(COLUMN_BOMB_CSV, 10_000_000);
        HostileFiles.longLineCsv(LONG_LINE_CSV, (int) MB);
        HostileFiles.rowBombCsv(ROW_BOMB_CSV, 200_000);
        HostileFiles.legitimateXlsx(LEGITIMATE, 100_000);
    }

    // ---------- zip bombs ----------

    @Test
    void aSharedStringBombIsRefusedOnItsCentralDirectory() throws IOException {
        assertTrue(Files.size(SHARED_STRING_BOMB) < MB, "300 MB of text in less than 1 MB");
        ImportRefused e = refused(SHARED_STRING_BOMB, DEFAULTS);
        assertEquals("ZIP_BOMB", e.reason());
        assertTrue(e.getMessage().contains("plus de 100 fois sa taille"), e.getMessage());
        assertEquals("ZIP_BOMB", refused(INLINE_CELL_BOMB, DEFAULTS).reason());
    }

    @Test
    void aBombThatLiesAboutItsSizesIsRefusedAtTheLengthOfACell() {
        ImportRefused shared = refused(SHARED_STRING_BOMB_LYING, DEFAULTS);
        assertEquals("CELL_TOO_LONG", shared.reason());
        assertTrue(shared.getMessage().contains("10\u202F000 caractères"), shared.getMessage());
        assertEquals("CELL_TOO_LONG", refused(INLINE_CELL_BOMB_LYING, DEFAULTS).reason());
    }

    @Test
    void inflatedBytesAreCountedNotTakenFromTheCentralDirectory() {
        // 120 MB of <row/>: blank rows, no long text, under the entry size: only the counted ratio stops it
        assertEquals("ZIP_BOMB", refused(EMPTY_ROWS_BOMB_LYING, DEFAULTS).reason());
    }

    @Test
    void anEntryLargerThanTheLimitIsRefused() throws IOException {
        ImportLimits oneMegabyte = limits(DEFAULTS.maxRows(), DEFAULTS.maxSharedStrings(), MB);
        Path file = DIR.resolve("entry-2MB.xlsx");
        HostileFiles.rowBomb(file, 5_000);
        ImportRefused e = refused(file, oneMegabyte);
        assertEquals("ENTRY_TOO_LARGE", e.reason());
        assertTrue(e.getMessage().contains("1 Mo"), e.getMessage());
        Path lying = DIR.resolve("entry-2MB-lying-sizes.xlsx");
        HostileFiles.lyingCopy(file, lying, HostileFiles.SHEET);
        assertEquals("ENTRY_TOO_LARGE", refused(lying, oneMegabyte).reason());
        assertEquals(5_001, read(file, DEFAULTS).size());
    }

    // ---------- rows, columns, cells ----------

    @Test
    void aRowBombIsRefusedNamingTheLimit() {
        ImportRefused e = refused(ROW_BOMB, DEFAULTS);
        assertEquals("TOO_MANY_ROWS", e.reason());
        assertTrue(e.getMessage().startsWith("Le fichier compte plus de 100\u202F000 lignes ; la limite est de 100\u202F000"),
                e.getMessage());
        assertEquals("TOO_MANY_ROWS", refused(ROW_BOMB_CSV, DEFAULTS).reason());
    }

    @Test
    void theRowLimitCountsLinesOfDataNotTheHeaderNorBlankLines() throws IOException {
        ImportLimits ten = limits(10, DEFAULTS.maxSharedStrings(), DEFAULTS.maxEntrySize().asLongValue());
        StringBuilder csv = new StringBuilder("Prénom;Nom\r\n;\r\n");
        for (int i = 0; i < 10; i++) {
            csv.append("A").append(i).append(";B\r\n\r\n");
        }
        Path atLimit = write("ten-rows.csv", csv.toString());
        assertEquals(22, read(atLimit, ten).size());
        assertEquals("TOO_MANY_ROWS", refused(write("eleven-rows.csv", csv + "C;D\r\n"), ten).reason());

        Path xlsx = DIR.resolve("ten-rows.xlsx");
        HostileFiles.rowBomb(xlsx, 10);
        assertEquals(11, read(xlsx, ten).size());
        HostileFiles.rowBomb(xlsx, 11);
        assertEquals("TOO_MANY_ROWS", refused(xlsx, ten).reason());
    }

    @Test
    void aColumnBombIsRefusedNamingTheColumn() {
        ImportRefused e = refused(COLUMN_BOMB, DEFAULTS);
        assertEquals("TOO_MANY_COLUMNS", e.reason());
        assertTrue(e.getMessage().startsWith("Ligne 2 : la colonne BM (la 65e) contient une valeur ; un fichier d'import "
                + "compte au plus 64 colonnes (le modèle en a 30)"), e.getMessage());
        ImportRefused csv = refused(COLUMN_BOMB_CSV, DEFAULTS);
        assertEquals("TOO_MANY_COLUMNS", csv.reason());
        assertTrue(csv.getMessage().startsWith("Ligne 1 : la colonne BM"), csv.getMessage());
    }

    @Test
    void emptyCellsBeyondTheLastColumnAreIgnored() throws IOException {
        Path csv = write("trailing-separators.csv", "Prénom;Nom" + ";".repeat(200) + "\r\nA;B" + ";".repeat(200) + "\r\n");
        assertEquals(List.of(List.of("Prénom", "Nom"), List.of("A", "B")),
                read(csv, DEFAULTS).stream().map(l -> l.cells().subList(0, 2)).toList());
        assertEquals(64, read(csv, DEFAULTS).get(0).cells().size());
        Path xlsx = DIR.resolve("styled-empty-cells.xlsx");
        try (HostileFiles.Xlsx x = new HostileFiles.Xlsx(xlsx)) {
            x.sheet(w -> w.write("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Nom</t></is></c><c r=\"XFD1\" s=\"2\"/>"
                    + "<c r=\"ZZZZZZZZ1\" s=\"2\"><v></v></c></row>"));
        }
        assertEquals(List.of(new SheetReader.Line(1, List.of("Nom"))), read(xlsx, DEFAULTS));
    }

    @Test
    void aLongCsvLineIsRefused() {
        ImportRefused e = refused(LONG_LINE_CSV, DEFAULTS);
        assertEquals("LINE_TOO_LONG", e.reason());
        assertTrue(e.getMessage().startsWith("Ligne 2 : la ligne dépasse 100\u202F000 caractères"), e.getMessage());
    }

    @Test
    void aCellIsAtMostTenThousandCharacters() throws IOException {
        String atLimit = letters(10_000);
        assertEquals(atLimit, read(write("cell-at-limit.csv", "Nom\r\n" + atLimit + "\r\n"), DEFAULTS).get(1).cells().get(0));
        ImportRefused csv = refused(write("cell-too-long.csv", "Nom\r\n\"" + atLimit + "x\"\r\n"), DEFAULTS);
        assertEquals("CELL_TOO_LONG", csv.reason());
        assertTrue(csv.getMessage().startsWith("Ligne 2 : une case dépasse 10\u202F000 caractères"), csv.getMessage());

        Path inline = DIR.resolve("inline-cell-too-long.xlsx");
        try (HostileFiles.Xlsx x = new HostileFiles.Xlsx(inline)) {
            x.sheet(w -> w.write("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>" + atLimit + "</t><r><t>x</t></r></is></c></row>"));
        }
        ImportRefused xlsx = refused(inline, DEFAULTS);
        assertEquals("CELL_TOO_LONG", xlsx.reason());
        assertTrue(xlsx.getMessage().startsWith("Ligne 3 : une case dépasse"), xlsx.getMessage());

        Path shared = sharedStrings("shared-string-at-limit.xlsx", List.of(atLimit));
        assertEquals(atLimit, read(shared, DEFAULTS).get(0).cells().get(0));
        assertEquals("CELL_TOO_LONG", refused(sharedStrings("shared-string-too-long.xlsx", List.of(atLimit + "x")),
                DEFAULTS).reason());
    }

    @Test
    void aNumberThatWouldPrintAsABillionDigitsIsRefused() throws IOException {
        Path file = DIR.resolve("huge-exponent.xlsx");
        try (HostileFiles.Xlsx x = new HostileFiles.Xlsx(file)) {
            x.sheet(w -> w.write("<row r=\"1\"><c r=\"A1\"><v>1E+999999999</v></c></row>"));
        }
        assertEquals("CELL_TOO_LONG", refused(file, DEFAULTS).reason());
    }

    @Test
    void theSharedStringsAreBoundedInNumberAndLength() throws IOException {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            strings.add("texte " + i);
        }
        Path file = sharedStrings("shared-strings-101.xlsx", strings);
        assertEquals("texte 0", read(file, limits(10, 101, MB)).get(0).cells().get(0));
        ImportRefused count = refused(file, limits(10, 100, MB));
        assertEquals("TOO_MANY_STRINGS", count.reason());
        assertTrue(count.getMessage().contains("plus de 100 textes différents"), count.getMessage());
        ImportLimits shortTexts = new ImportLimits.Values(10, 64, 10_000, 100_000, 1000, 500, new MemorySize(BigInteger.valueOf(MB)),
                100);
        assertEquals("TOO_MANY_STRINGS", refused(file, shortTexts).reason());
    }

    @Test
    void malformedWorkbooksAreUnreadableNotFatal() throws IOException {
        Path deep = DIR.resolve("deep.xlsx");
        try (HostileFiles.Xlsx x = new HostileFiles.Xlsx(deep)) {
            x.sheet(w -> w.write("<row r=\"1\">" + "<x>".repeat(100_000) + "</x>".repeat(100_000) + "</row>"));
        }
        assertEquals("UNREADABLE_FILE", refused(deep, DEFAULTS).reason());
        Path entities = DIR.resolve("entities.xlsx");
        try (HostileFiles.Xlsx x = new HostileFiles.Xlsx(entities)) {
            x.entry("xl/sharedStrings.xml", w -> w.write("<!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;"
                    + "&a;&a;&a;&a;&a;\">]><sst><si><t>&b;</t></si></sst>"));
            x.sheet(w -> w.write("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"));
        }
        assertEquals("UNREADABLE_FILE", refused(entities, DEFAULTS).reason());
        Path dangling = sharedStrings("dangling-index.xlsx", List.of());
        assertEquals("UNREADABLE_FILE", refused(dangling, DEFAULTS).reason());
    }

    // ---------- legitimate files ----------

    @Test
    void theTemplatesStillRead() throws IOException {
        List<String> headers = Stream.of(ImportColumn.values()).map(c -> c.header).toList();
        List<String> examples = Stream.of(ImportColumn.values()).map(c -> c.example.strip()).toList();
        Path xlsx = DIR.resolve("template.xlsx");
        Files.write(xlsx, ImportTemplate.xlsx());
        List<SheetReader.Line> lines = read(xlsx, DEFAULTS);
        assertEquals(headers, lines.get(0).cells());
        assertEquals(examples, pad(lines.get(1).cells(), examples.size()));
        Path csv = Files.write(DIR.resolve("template.csv"), ImportTemplate.csv());
        List<SheetReader.Line> csvLines = read(csv, DEFAULTS);
        assertEquals(headers, csvLines.get(0).cells());
        assertEquals(examples, csvLines.get(1).cells());
    }

    @Test
    void aWorkbookWrittenByASpreadsheetLibraryReadsAsBefore() throws IOException {
        Path file = DIR.resolve("fastexcel.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "test", "1.0");
            Worksheet ws = wb.newWorksheet("Apprenants");
            ws.value(0, 0, "Nom");
            ws.value(0, 1, "Date de naissance");
            ws.value(0, 2, "Montant");
            ws.value(0, 3, "Handicap");
            ws.value(1, 0, "  Idrissi  ");
            ws.value(1, 1, LocalDate.of(2010, 5, 1));
            ws.style(1, 1).format("dd/mm/yyyy").set();
            ws.value(1, 2, new BigDecimal("12.50"));
            ws.value(1, 3, true);
            ws.value(1, 5, "J130012345");
            ws.formula(2, 0, "1+1");
            ws.value(2, 1, 40179);
            ws.style(2, 1).format("yyyy-mm-dd").set();
            wb.finish();
        }
        List<SheetReader.Line> lines = read(file, DEFAULTS);
        assertEquals(List.of("Nom", "Date de naissance", "Montant", "Handicap"), lines.get(0).cells());
        assertEquals(List.of("Idrissi", "2010-05-01", "12.5", "oui", "", "J130012345"), lines.get(1).cells());
        assertEquals(List.of("", "2010-01-01"), lines.get(2).cells());
        assertEquals(3, lines.get(2).number());
    }

    @Test
    void excelSerialDatesAreConvertedAsASpreadsheetShowsThem() {
        assertEquals(LocalDate.of(1900, 1, 1), XlsxReader.date(1, false));
        assertEquals(LocalDate.of(1900, 2, 28), XlsxReader.date(59, false));
        assertEquals(LocalDate.of(1900, 3, 1), XlsxReader.date(61, false));
        assertEquals(LocalDate.of(2010, 5, 1), XlsxReader.date(40299, false));
        assertEquals(LocalDate.of(2010, 5, 1), XlsxReader.date(40299.99999, false));
        assertEquals(LocalDate.of(2010, 5, 2), XlsxReader.date(40299.9999999999, false));
        assertEquals(LocalDate.of(2010, 5, 1), XlsxReader.date(40299 - 1462, true));
    }

    @Test
    void aLegitimateWorkbookAtTheRowLimitReads() {
        List<SheetReader.Line> lines = read(LEGITIMATE, DEFAULTS);
        assertEquals(100_001, lines.size());
        assertEquals(HostileFiles.HEADERS.length, lines.get(0).cells().size());
        SheetReader.Line last = lines.get(100_000);
        assertEquals(100_001, last.number());
        assertTrue(last.cells().get(0).matches("K\\d{9}"), last.toString());
        assertTrue(last.cells().get(6).matches("\\d{4}-\\d{2}-\\d{2}"), last.toString());
        assertEquals("EDUCATIF|COMPETENCES_DE_VIE", last.cells().get(18));
    }

    // ---------- memory ----------

    @Test
    void everyAttackIsRefusedInA64MegabyteHeap() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-cp", classPath, HostileFilesTest.class.getName()));
        EXPECTED.keySet().forEach(p -> command.add(p.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread copy = Thread.ofVirtual().start(() -> {
            try {
                child.getInputStream().transferTo(out);
            } catch (IOException e) {
                // the assertions below show what was read
            }
        });
        if (!child.waitFor(5, TimeUnit.MINUTES)) {
            child.destroyForcibly();
        }
        copy.join();
        String output = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);
        for (Map.Entry<Path, String> e : EXPECTED.entrySet()) {
            assertTrue(output.contains(e.getKey().getFileName() + "\t" + e.getValue() + "\n"), e.getKey() + " in:\n" + output);
        }
        System.out.print(output);
    }

    /**
     * The small-heap run: opens and reads each file given, prints its name, then its refusal's reason or READ and
     * its line count, then the heap's peak use.
     */
    public static void main(String[] args) throws IOException {
        for (String name : args) {
            Path file = Path.of(name);
            String outcome;
            try (SheetReader reader = SheetReader.open(file, DEFAULTS)) {
                int lines = 0;
                while (reader.next() != null) {
                    lines++;
                }
                outcome = "READ " + lines;
            } catch (ImportRefused e) {
                outcome = e.reason();
            }
            System.out.print(file.getFileName() + "\t" + outcome + "\n");
        }
        StringBuilder heap = new StringBuilder("heap: max " + Runtime.getRuntime().maxMemory() / MB + " MB; peak use by pool:");
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heap.append(' ').append(pool.getName()).append(' ').append(pool.getPeakUsage().getUsed() / MB).append(" MB,");
            }
        }
        System.out.print(heap.substring(0, heap.length() - 1) + "\n");
    }

    @Test
    void theDefaultsAreTheConfigurationDefaults() throws Exception {
        ImportLimits d = ImportLimits.defaults();
        for (Method m : ImportLimits.class.getDeclaredMethods()) {
            WithDefault annotation = m.getAnnotation(WithDefault.class);
            if (annotation == null) {
                continue;
            }
            Object value = m.invoke(d);
            String expected = annotation.value();
            if (value instanceof MemorySize size) {
                assertEquals(Long.parseLong(expected.replace("M", "")) << 20, size.asLongValue(), m.getName());
            } else {
                assertEquals(expected, value.toString(), m.getName());
            }
        }
    }

    // ---------- helpers ----------

    static ImportRefused refused(Path file, ImportLimits limits) {
        // refused while opening: before the caller has seen any line
        return assertThrows(ImportRefused.class, () -> SheetReader.open(file, limits).close(), file.toString());
    }

    static List<SheetReader.Line> read(Path file, ImportLimits limits) {
        List<SheetReader.Line> lines = new ArrayList<>();
        try (SheetReader reader = SheetReader.open(file, limits)) {
            for (SheetReader.Line l = reader.next(); l != null; l = reader.next()) {
                lines.add(l);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return lines;
    }

    static ImportLimits limits(int rows, int sharedStrings, long entrySize) {
        return new ImportLimits.Values(rows, 64, 10_000, 100_000, sharedStrings, 16_000_000,
                new MemorySize(BigInteger.valueOf(entrySize)), 100);
    }

    static Path write(String name, String content) throws IOException {
        return Files.writeString(DIR.resolve(name), "\uFEFF" + content);
    }

    /** A workbook whose first cell refers to shared string 0 of these. */
    static Path sharedStrings(String name, List<String> strings) throws IOException {
        Path file = DIR.resolve(name);
        try (HostileFiles.Xlsx x = new HostileFiles.Xlsx(file)) {
            x.sheet(w -> w.write("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"));
            x.entry("xl/sharedStrings.xml", w -> {
                w.write("<sst xmlns=\"" + HostileFiles.Xlsx.MAIN + "\">");
                for (String s : strings) {
                    w.write("<si><t>" + s + "</t></si>");
                }
                w.write("</sst>");
            });
        }
        return file;
    }

    static String letters(int n) {
        Random random = new Random(n);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    static List<String> pad(List<String> cells, int size) {
        List<String> padded = new ArrayList<>(cells);
        while (padded.size() < size) {
            padded.add("");
        }
        return padded;
    }
}
