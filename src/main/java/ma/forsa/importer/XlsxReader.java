package ma.forsa.importer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

/** Streams the first sheet of an XLSX workbook; date-formatted numbers come out as ISO dates (AAAA-MM-JJ). */
final class XlsxReader implements SheetReader {

    private final ReadableWorkbook workbook;
    private final Stream<Row> rows;
    private final Iterator<Row> iterator;

    private XlsxReader(ReadableWorkbook workbook, Stream<Row> rows) {
        this.workbook = workbook;
        this.rows = rows;
        this.iterator = rows.iterator();
    }

    static XlsxReader open(Path file) {
        try {
            ReadableWorkbook workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false));
            return new XlsxReader(workbook, workbook.getFirstSheet().openStream());
        } catch (Exception | Error e) {
            throw unreadable();
        }
    }

    private static ImportRefused unreadable() {
        return new ImportRefused("UNREADABLE_FILE", "Ce classeur Excel est endommagé ou n'est pas un fichier .xlsx : il n'a "
                + "pas pu être lu. Ouvrez-le dans votre tableur, enregistrez-le à nouveau au format « Classeur Excel (.xlsx) » "
                + "puis envoyez-le.");
    }

    @Override
    public String format() {
        return "XLSX";
    }

    @Override
    public Line next() {
        try {
            if (!iterator.hasNext()) {
                return null;
            }
            Row row = iterator.next();
            List<String> cells = new ArrayList<>(row.getCellCount());
            for (int i = 0; i < row.getCellCount(); i++) {
                cells.add(text(row.getCell(i)));
            }
            return new Line(row.getRowNum(), cells);
        } catch (ImportRefused e) {
            throw e;
        } catch (RuntimeException | Error e) {
            throw unreadable();
        }
    }

    private static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return "";
        }
        if (cell.getType() == CellType.NUMBER) {
            Integer id = cell.getDataFormatId();
            if ((id != null && (id >= 14 && id <= 17 || id == 22)) || isDateFormat(cell.getDataFormatString())) {
                return cell.asDate().toLocalDate().toString();
            }
            BigDecimal n = cell.asNumber();
            return n.stripTrailingZeros().toPlainString();
        }
        if (cell.getType() == CellType.BOOLEAN) {
            return Boolean.TRUE.equals(cell.asBoolean()) ? "oui" : "non";
        }
        String raw = cell.getText();
        return raw == null ? "" : raw.strip();
    }

    private static boolean isDateFormat(String format) {
        if (format == null) {
            return false;
        }
        String f = format.replaceAll("\"[^\"]*\"|\\[[^]]*]", "").toLowerCase();
        return f.contains("d") || f.contains("y");
    }

    @Override
    public void close() throws IOException {
        rows.close();
        workbook.close();
    }
}
