package ma.forsa.importer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;

/**
 * Streams the first sheet of an XLSX workbook within the {@link ImportLimits}; date-formatted numbers come out as
 * ISO dates (AAAA-MM-JJ), booleans as oui / non, formulas as their last computed value.
 * <p>
 * The workbook is read with the JDK's StAX parser over {@link BoundedZip} streams rather than with a
 * spreadsheet library, so that every size is checked as it is read: the zip entries (inflated size, ratio),
 * the XML (token size, nesting), the shared strings (count, length), the rows, the columns and the cells.
 * The sheet is read twice: {@link #open} reads it through once, checking every limit, before the caller
 * sees its first line, so that a file over a limit is refused before any of it is imported.
 */
final class XlsxReader implements SheetReader {

    /** Cell styles in a workbook (Excel's own limit is 64,000). */
    private static final int MAX_STYLES = 65_536;
    /** Relationships of a workbook part. */
    private static final int MAX_RELATIONSHIPS = 10_000;
    /** The last row of a sheet. */
    private static final int MAX_ROW_NUMBER = 1_048_576;
    /** 9999-12-31 as an Excel serial number: later ones are not dates. */
    private static final double MAX_SERIAL = 2_958_465;

    private final BoundedZip zip;
    private final Workbook workbook;
    private final ImportLimits limits;
    private final XmlPart sheet;
    /** False for the checking pass, which closes its sheet and leaves the workbook open for the real pass. */
    private final boolean ownsZip;
    private int lastRow;
    private int nonBlank;

    private XlsxReader(BoundedZip zip, Workbook workbook, ImportLimits limits, boolean ownsZip) throws IOException {
        this.zip = zip;
        this.ownsZip = ownsZip;
        this.workbook = workbook;
        this.limits = limits;
        this.sheet = XmlPart.open(zip, workbook.sheet);
        if (sheet == null) {
            throw Refusals.unreadableWorkbook();
        }
    }

    /** What the sheet needs from the rest of the workbook. */
    private record Workbook(String sheet, boolean date1904, BitSet dateStyles, SharedStrings strings) {
    }

    static XlsxReader open(Path file, ImportLimits limits) throws IOException {
        BoundedZip zip = BoundedZip.open(file, limits);
        try {
            Workbook workbook = workbook(zip, limits);
            try (XlsxReader scan = new XlsxReader(zip, workbook, limits, false)) {
                while (scan.next() != null) {
                    // every limit is checked on the way
                }
            }
            return new XlsxReader(zip, workbook, limits, true);
        } catch (ImportRefused e) {
            zip.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw Refusals.unreadableWorkbook();
        }
    }

    @Override
    public String format() {
        return "XLSX";
    }

    @Override
    public Line next() {
        if (!sheet.nextStart("row")) {
            return null;
        }
        Line line = row();
        if (!line.isBlank() && ++nonBlank > limits.maxRows() + 1) {
            throw Refusals.tooManyRows(limits.maxRows());
        }
        return line;
    }

    /** The current {@code <row>} element, read up to its end. */
    private Line row() {
        int number = number(sheet.attribute("r"), lastRow + 1);
        if (number > MAX_ROW_NUMBER) {
            number = lastRow + 1;
        }
        lastRow = number;
        int rowDepth = sheet.depth();
        String[] cells = null; // most rows of a hostile sheet are empty: allocated at the first value
        int width = 0;
        int column = -1;
        while (true) {
            int e = sheet.next();
            if (e == XMLStreamConstants.END_DOCUMENT) {
                throw Refusals.unreadableWorkbook();
            }
            if (e == XMLStreamConstants.END_ELEMENT && sheet.depth() < rowDepth) {
                break;
            }
            if (e != XMLStreamConstants.START_ELEMENT || !sheet.isStart("c")) {
                continue;
            }
            column = column(sheet.attribute("r"), column + 1);
            String value = cell(number);
            if (!value.isEmpty()) {
                if (column >= limits.maxColumns()) {
                    throw Refusals.tooManyColumns(number, Math.min(column, 16_383), limits.maxColumns());
                }
                if (cells == null) {
                    cells = new String[limits.maxColumns()];
                }
                cells[column] = value;
                width = Math.max(width, column + 1);
            }
        }
        if (width == 0) {
            return new Line(number, List.of());
        }
        List<String> values = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            values.add(cells[i] == null ? "" : cells[i]);
        }
        return new Line(number, values);
    }

    /** The text of the current {@code <c>} element, read up to its end. */
    private String cell(int line) {
        String type = sheet.attribute("t");
        int style = number(sheet.attribute("s"), 0);
        int cellDepth = sheet.depth();
        String raw = null;
        while (true) {
            int e = sheet.next();
            if (e == XMLStreamConstants.END_DOCUMENT) {
                throw Refusals.unreadableWorkbook();
            }
            if (e == XMLStreamConstants.END_ELEMENT && sheet.depth() < cellDepth) {
                break;
            }
            if (e == XMLStreamConstants.START_ELEMENT && sheet.depth() == cellDepth + 1) {
                if (sheet.isStart("v")) {
                    raw = sheet.text(false, limits.maxCellLength(), max -> Refusals.cellTooLong(line, max));
                } else if (sheet.isStart("is")) {
                    raw = sheet.text(true, limits.maxCellLength(), max -> Refusals.cellTooLong(line, max));
                }
                // <f> (the formula) and anything else: skipped, the cached value <v> is what counts
            }
        }
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        return switch (type == null ? "n" : type) {
            case "s" -> {
                String s = workbook.strings.get(number(raw.strip(), -1));
                if (s == null) {
                    throw Refusals.unreadableWorkbook();
                }
                yield s.strip();
            }
            case "b" -> switch (raw.strip()) {
                case "1", "true" -> "oui";
                case "0", "false" -> "non";
                default -> throw Refusals.unreadableWorkbook();
            };
            case "n" -> number(raw.strip(), style, line);
            default -> raw.strip(); // inlineStr, str (a formula's text), e (an error such as #N/A), d (an ISO date)
        };
    }

    private String number(String raw, int style, int line) {
        BigDecimal n;
        try {
            n = new BigDecimal(raw);
        } catch (NumberFormatException e) {
            throw Refusals.unreadableWorkbook();
        }
        if (workbook.dateStyles.get(style)) {
            double serial = n.doubleValue();
            if (serial >= 0 && serial <= MAX_SERIAL) {
                return date(serial, workbook.date1904).toString();
            }
        }
        // 1E+999999999 would print as a billion digits
        if (n.precision() + Math.abs((long) n.scale()) > limits.maxCellLength()) {
            throw Refusals.cellTooLong(line, limits.maxCellLength());
        }
        return n.stripTrailingZeros().toPlainString();
    }

    /** An Excel serial date (days since 1900-01-00, or 1904-01-01), as the spreadsheet shows it. */
    static LocalDate date(double serial, boolean date1904) {
        int days = (int) Math.floor(serial);
        if (Math.round((serial - days) * 86_400_000L) == 86_400_000L) {
            days++; // .9999999 that rounds to the next day
        }
        if (date1904) {
            return LocalDate.of(1904, 1, 1).plusDays(days);
        }
        // Excel counts a 1900-02-29 that does not exist (serial 60)
        return LocalDate.of(1899, 12, 31).plusDays(days < 61 ? days : days - 1);
    }

    /** The zero-based column of a cell reference such as "AB12" (beyond the last one: 16384), or the fallback. */
    private static int column(String ref, int fallback) {
        if (ref == null) {
            return fallback;
        }
        int column = 0;
        int i = 0;
        for (; i < ref.length() && ref.charAt(i) >= 'A' && ref.charAt(i) <= 'Z'; i++) {
            column = Math.min(16_385, column * 26 + ref.charAt(i) - 'A' + 1);
        }
        return i == 0 ? fallback : column - 1;
    }

    /** A small non-negative number (a row number, an index), or the fallback. */
    private static int number(String s, int fallback) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return fallback;
        }
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return fallback;
            }
            n = n * 10 + c - '0';
        }
        return n;
    }

    // ---------- the workbook around the sheet ----------

    private static Workbook workbook(BoundedZip zip, ImportLimits limits) throws IOException {
        String main = "xl/workbook.xml";
        Map<String, Relationship> root = relationships(zip, "_rels/.rels", "");
        for (Relationship r : root.values()) {
            if (r.type.endsWith("/officeDocument")) {
                main = r.target;
            }
        }
        String sheetId = null;
        boolean date1904 = false;
        try (XmlPart xml = XmlPart.open(zip, main)) {
            if (xml == null) {
                throw Refusals.unreadableWorkbook();
            }
            for (int e = xml.next(); e != XMLStreamConstants.END_DOCUMENT && sheetId == null; e = xml.next()) {
                if (xml.isStart("workbookPr")) {
                    String d = xml.attribute("date1904");
                    date1904 = "1".equals(d) || "true".equalsIgnoreCase(d);
                } else if (xml.isStart("sheet")) {
                    sheetId = xml.attribute("id");
                }
            }
        }
        int slash = main.lastIndexOf('/');
        String folder = main.substring(0, slash + 1);
        Map<String, Relationship> parts = relationships(zip, folder + "_rels/" + main.substring(slash + 1) + ".rels", folder);
        Relationship sheet = sheetId == null ? null : parts.get(sheetId);
        if (sheet == null) {
            throw Refusals.unreadableWorkbook();
        }
        String strings = null;
        String styles = null;
        for (Relationship r : parts.values()) {
            if (r.type.endsWith("/sharedStrings")) {
                strings = r.target;
            } else if (r.type.endsWith("/styles")) {
                styles = r.target;
            }
        }
        return new Workbook(sheet.target, date1904, dateStyles(zip, styles), SharedStrings.read(zip, strings, limits));
    }

    private record Relationship(String type, String target) {
    }

    /** The relationships of a part, by id, targets resolved against the part's folder. */
    private static Map<String, Relationship> relationships(BoundedZip zip, String name, String folder) throws IOException {
        Map<String, Relationship> relationships = new HashMap<>();
        try (XmlPart xml = XmlPart.open(zip, name)) {
            if (xml == null) {
                return relationships;
            }
            while (xml.nextStart("Relationship")) {
                if (relationships.size() >= MAX_RELATIONSHIPS) {
                    throw Refusals.unreadableWorkbook();
                }
                String id = xml.attribute("Id");
                String target = xml.attribute("Target");
                if (id != null && target != null && !"External".equals(xml.attribute("TargetMode"))) {
                    String type = xml.attribute("Type");
                    relationships.put(id, new Relationship(type == null ? "" : type, resolve(folder, target)));
                }
            }
        }
        return relationships;
    }

    /** "worksheets/sheet1.xml" in "xl/" -> "xl/worksheets/sheet1.xml"; "/xl/styles.xml" -> "xl/styles.xml". */
    private static String resolve(String folder, String target) {
        List<String> path = new ArrayList<>();
        String full = target.startsWith("/") ? target.substring(1) : folder + target;
        for (String segment : full.split("/")) {
            if (segment.equals("..")) {
                if (!path.isEmpty()) {
                    path.remove(path.size() - 1);
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                path.add(segment);
            }
        }
        return String.join("/", path);
    }

    /**
     * The cell styles (indexes of {@code <xf>} in {@code <cellXfs>}) whose number format shows a date: the built-in
     * formats 14 to 17 and 22, and custom formats with a day or a year.
     */
    private static BitSet dateStyles(BoundedZip zip, String styles) throws IOException {
        BitSet dates = new BitSet();
        if (styles == null) {
            return dates;
        }
        BitSet customDates = new BitSet();
        try (XmlPart xml = XmlPart.open(zip, styles)) {
            if (xml == null) {
                return dates;
            }
            boolean inCellXfs = false;
            int xf = 0;
            for (int e = xml.next(); e != XMLStreamConstants.END_DOCUMENT; e = xml.next()) {
                if (xml.isStart("numFmt")) {
                    int id = number(xml.attribute("numFmtId"), -1);
                    if (id >= 0 && id < MAX_STYLES && isDateFormat(xml.attribute("formatCode"))) {
                        customDates.set(id);
                    }
                } else if (xml.isStart("cellXfs")) {
                    inCellXfs = true;
                } else if (xml.isEnd("cellXfs")) {
                    inCellXfs = false;
                } else if (inCellXfs && xml.isStart("xf")) {
                    if (xf >= MAX_STYLES) {
                        throw Refusals.unreadableWorkbook();
                    }
                    int id = number(xml.attribute("numFmtId"), 0);
                    if (id >= 14 && id <= 17 || id == 22 || id < MAX_STYLES && customDates.get(id)) {
                        dates.set(xf);
                    }
                    xf++;
                }
            }
        }
        return dates;
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
        sheet.close();
        if (ownsZip) {
            zip.close();
        }
    }
}
