package ma.forsa.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hostile import files (and a legitimate one at the limits), written streaming: nothing of a file is ever held
 * in memory, whatever its inflated size. JDK only, so that bench/attacks.sh can run it as a source file:
 * {@code java src/test/java/ma/forsa/importer/HostileFiles.java FOLDER} writes every file into FOLDER.
 */
public final class HostileFiles {

    /** The template's column headers (ImportColumn), so that files look like imports up to their attack. */
    static final String[] HEADERS = { "Code MASSAR", "CIN", "Prénom", "Nom", "Prénom (arabe)", "Nom (arabe)",
            "Date de naissance", "Sexe", "Province de résidence", "Nom du tuteur", "Téléphone du tuteur",
            "Situation de handicap", "Dernier niveau validé", "Année de déscolarisation", "Motif de déscolarisation",
            "Date du consentement", "Code du centre", "Année scolaire", "Volets", "Filière professionnelle",
            "Date d'inscription", "Statut", "Date de sortie", "Motif de sortie", "Devenir", "Date d'observation",
            "Mois de suivi", "Organisme", "Devenir vérifié", "Pas un doublon" };

    private static final long MB = 1 << 20;

    private HostileFiles() {
    }

    /** Every file of the attack script, by name: the name says what the file is ({@code smoke}: only two quick ones). */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        if (args.length > 1 && args[1].equals("smoke")) {
            longLineCsv(dir.resolve("long-line-19MB.csv"), 19 * (int) MB);
            rowBombCsv(dir.resolve("row-bomb-200000-rows.csv"), 200_000);
            return;
        }
        writeAll(dir);
    }

    static void writeAll(Path dir) throws IOException {
        sharedStringBomb(dir.resolve("shared-string-bomb-800MB.xlsx"), 800 * MB);
        lyingCopy(dir.resolve("shared-string-bomb-800MB.xlsx"), dir.resolve("shared-string-bomb-800MB-lying-sizes.xlsx"),
                "xl/sharedStrings.xml");
        inlineCellBomb(dir.resolve("inline-cell-bomb-400MB.xlsx"), 400 * MB);
        lyingCopy(dir.resolve("inline-cell-bomb-400MB.xlsx"), dir.resolve("inline-cell-bomb-400MB-lying-sizes.xlsx"), SHEET);
        emptyRowsBomb(dir.resolve("empty-rows-bomb.xlsx"), 40_000_000);
        lyingCopy(dir.resolve("empty-rows-bomb.xlsx"), dir.resolve("empty-rows-bomb-lying-sizes.xlsx"), SHEET);
        rowBomb(dir.resolve("row-bomb-200000-rows.xlsx"), 200_000);
        columnBombXlsx(dir.resolve("column-bomb-1000000-columns.xlsx"), 1_000_000);
        columnBombCsv(dir.resolve("column-bomb-10000000-columns.csv"), 10_000_000);
        longLineCsv(dir.resolve("long-line-19MB.csv"), 19 * (int) MB);
        rowBombCsv(dir.resolve("row-bomb-200000-rows.csv"), 200_000);
        legitimateXlsx(dir.resolve("legitimate-100000-rows.xlsx"), 100_000);
    }

    static final String SHEET = "xl/worksheets/sheet1.xml";

    /** A copy of a workbook whose central directory says that this entry inflates to 1000 bytes. */
    static void lyingCopy(Path from, Path to, String entry) throws IOException {
        Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        claimSize(to, entry, 1000);
    }

    // ---------- workbooks ----------

    /** One sheet: the header row, then one row whose first cell is shared string 0: one string of {@code chars} 'A'. */
    static void sharedStringBomb(Path file, long chars) throws IOException {
        try (Xlsx x = new Xlsx(file)) {
            x.sheet(w -> {
                header(w);
                w.write("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>");
            });
            x.entry("xl/sharedStrings.xml", w -> {
                w.write("<sst xmlns=\"" + Xlsx.MAIN + "\" count=\"1\" uniqueCount=\"1\"><si><t>");
                repeat(w, 'A', chars);
                w.write("</t></si></sst>");
            });
        }
    }

    /** The header row, then one row whose first cell is an inline string of {@code chars} 'A'. */
    static void inlineCellBomb(Path file, long chars) throws IOException {
        try (Xlsx x = new Xlsx(file)) {
            x.sheet(w -> {
                header(w);
                w.write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
                repeat(w, 'A', chars);
                w.write("</t></is></c></row>");
            });
        }
    }

    /** The header row, then {@code rows} empty rows: blank, not counted as lines, but a sheet of 300 MB and more. */
    static void emptyRowsBomb(Path file, int rows) throws IOException {
        try (Xlsx x = new Xlsx(file)) {
            x.sheet(w -> {
                header(w);
                for (int i = 0; i < rows; i++) {
                    w.write("<row/>");
                }
            });
        }
    }

    /** The header row, then {@code rows} rows of plausible values (varied, so that it compresses like real data). */
    static void rowBomb(Path file, int rows) throws IOException {
        Random random = new Random(1);
        try (Xlsx x = new Xlsx(file)) {
            x.sheet(w -> {
                header(w);
                for (int r = 2; r <= rows + 1; r++) {
                    w.write("<row r=\"" + r + "\">");
                    inline(w, "C" + r, name(random));
                    inline(w, "D" + r, name(random));
                    w.write("<c r=\"G" + r + "\"><v>" + (38000 + random.nextInt(3000)) + "</v></c>");
                    inline(w, "H" + r, random.nextBoolean() ? "F" : "M");
                    inline(w, "Q" + r, "C-" + random.nextInt(1000));
                    w.write("</row>");
                }
            });
        }
    }

    /** The header row, then one row of {@code columns} numeric cells without references (varied, to compress as data does). */
    static void columnBombXlsx(Path file, int columns) throws IOException {
        Random random = new Random(6);
        try (Xlsx x = new Xlsx(file)) {
            x.sheet(w -> {
                header(w);
                w.write("<row r=\"2\">");
                for (int c = 0; c < columns; c++) {
                    w.write("<c><v>" + random.nextInt(100_000) + "</v></c>");
                }
                w.write("</row>");
            });
        }
    }

    /**
     * The header row, then {@code rows} rows of 30 columns as Excel writes them (text in the shared strings,
     * dates as styled numbers): MASSAR code, names, guardian and phone vary from row to row.
     */
    static void legitimateXlsx(Path file, int rows) throws IOException {
        Random random = new Random(2);
        int[] strings = { 0 };
        try (Xlsx x = new Xlsx(file)) {
            x.sheet(w -> {
                header(w);
                for (int r = 2; r <= rows + 1; r++) {
                    w.write("<row r=\"" + r + "\" spans=\"1:30\">");
                    for (int c = 0; c < HEADERS.length; c++) {
                        String ref = column(c) + r;
                        switch (c) {
                            case 6, 15, 20 -> w.write("<c r=\"" + ref + "\" s=\"1\"><v>" + (38000 + random.nextInt(3000)) + "</v></c>");
                            case 0, 2, 3, 9, 10 -> w.write("<c r=\"" + ref + "\" t=\"s\"><v>" + strings[0]++ + "</v></c>");
                            case 7 -> w.write("<c r=\"" + ref + "\" t=\"s\"><v>" + (rows * 5 + random.nextInt(2)) + "</v></c>");
                            case 17 -> w.write("<c r=\"" + ref + "\" t=\"s\"><v>" + (rows * 5 + 2) + "</v></c>");
                            case 18 -> w.write("<c r=\"" + ref + "\" t=\"s\"><v>" + (rows * 5 + 3) + "</v></c>");
                            default -> w.write("<c r=\"" + ref + "\" s=\"2\"/>");
                        }
                    }
                    w.write("</row>");
                }
            });
            Random values = new Random(3);
            x.entry("xl/sharedStrings.xml", w -> {
                w.write("<sst xmlns=\"" + Xlsx.MAIN + "\">");
                for (int r = 0; r < rows; r++) {
                    w.write("<si><t>" + String.format("K%09d", values.nextInt(1_000_000_000)) + "</t></si>");
                    w.write("<si><t>" + name(values) + "</t></si>");
                    w.write("<si><t>" + name(values) + "</t></si>");
                    w.write("<si><t>" + name(values) + " " + name(values) + "</t></si>");
                    w.write("<si><t>06" + (10_000_000 + values.nextInt(89_999_999)) + "</t></si>");
                }
                w.write("<si><t>F</t></si><si><t>M</t></si><si><t>2025-2026</t></si><si><t>EDUCATIF|COMPETENCES_DE_VIE</t></si>");
                w.write("</sst>");
            });
        }
    }

    private static void header(Writer w) throws IOException {
        w.write("<row r=\"1\">");
        for (int c = 0; c < HEADERS.length; c++) {
            inline(w, column(c) + "1", HEADERS[c]);
        }
        w.write("</row>");
    }

    private static void inline(Writer w, String ref, String text) throws IOException {
        w.write("<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>");
    }

    /** 0 -> A, 26 -> AA. */
    static String column(int index) {
        StringBuilder s = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            s.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return s.toString();
    }

    private static String name(Random random) {
        String[] syllables = { "ma", "li", "ka", "ri", "mo", "ha", "me", "d", "fa", "ti", "ne", "za", "ya", "sa", "b", "ou" };
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = 2 + random.nextInt(3); i < n; i++) {
            s.append(syllables[random.nextInt(syllables.length)]);
        }
        s.setCharAt(0, Character.toUpperCase(s.charAt(0)));
        return s.toString();
    }

    // ---------- CSV ----------

    /** The header line, then one line of {@code columns} fields "x". */
    static void columnBombCsv(Path file, int columns) throws IOException {
        try (Writer w = csv(file)) {
            w.write("x");
            for (int c = 1; c < columns; c++) {
                w.write(";x");
            }
            w.write("\r\n");
        }
    }

    /** The header line, then one line of {@code chars} characters in 30 fields. */
    static void longLineCsv(Path file, int chars) throws IOException {
        try (Writer w = csv(file)) {
            w.write(String.join(";", HEADERS) + "\r\n");
            Random random = new Random(4);
            for (int i = 0; i < chars; i++) {
                w.write(i % 9_000 == 8_999 ? ';' : (char) ('a' + random.nextInt(26)));
            }
            w.write("\r\n");
        }
    }

    /** The header line, then {@code rows} plausible lines. */
    static void rowBombCsv(Path file, int rows) throws IOException {
        Random random = new Random(5);
        try (Writer w = csv(file)) {
            w.write(String.join(";", HEADERS) + "\r\n");
            for (int r = 0; r < rows; r++) {
                w.write(";;" + name(random) + ";" + name(random) + ";;;2010-05-01;F;;;;;;;;;C-1;2025-2026;EDUCATIF;;2025-09-15\r\n");
            }
        }
    }

    private static Writer csv(Path file) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
        w.write('\uFEFF');
        return w;
    }

    // ---------- plumbing ----------

    private static void repeat(Writer w, char c, long n) throws IOException {
        char[] block = new char[1 << 16];
        java.util.Arrays.fill(block, c);
        for (long left = n; left > 0; left -= block.length) {
            w.write(block, 0, (int) Math.min(block.length, left));
        }
    }

    interface Body {
        void write(Writer w) throws IOException;
    }

    /** A minimal workbook: content types, relationships, one sheet; more entries with {@link #entry}. */
    static final class Xlsx implements AutoCloseable {
        static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        private static final String PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
        private final ZipOutputStream zip;

        Xlsx(Path file) throws IOException {
            zip = new ZipOutputStream(Files.newOutputStream(file));
            zip.setLevel(Deflater.BEST_COMPRESSION);
            entry("[Content_Types].xml", w -> w.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                    + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                    + "</Types>"));
            entry("_rels/.rels", w -> w.write("<Relationships xmlns=\"" + PKG_REL + "\"><Relationship Id=\"rId1\" Type=\"" + REL
                    + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
            entry("xl/workbook.xml", w -> w.write("<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + REL + "\"><sheets>"
                    + "<sheet name=\"Apprenants\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
            entry("xl/_rels/workbook.xml.rels", w -> w.write("<Relationships xmlns=\"" + PKG_REL + "\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + REL + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"" + REL + "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                    + "<Relationship Id=\"rId3\" Type=\"" + REL + "/styles\" Target=\"styles.xml\"/></Relationships>"));
            entry("xl/styles.xml", w -> w.write("<styleSheet xmlns=\"" + MAIN + "\"><numFmts count=\"1\">"
                    + "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts><cellXfs count=\"3\">"
                    + "<xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/><xf numFmtId=\"49\"/></cellXfs></styleSheet>"));
        }

        void sheet(Body rows) throws IOException {
            entry("xl/worksheets/sheet1.xml", w -> {
                w.write("<worksheet xmlns=\"" + MAIN + "\"><sheetData>");
                rows.write(w);
                w.write("</sheetData></worksheet>");
            });
        }

        void entry(String name, Body body) throws IOException {
            zip.putNextEntry(new ZipEntry(name));
            Writer w = new BufferedWriter(new OutputStreamWriter(new NonClosing(zip), StandardCharsets.UTF_8), 1 << 16);
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
            body.write(w);
            w.flush();
            zip.closeEntry();
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /**
     * Rewrites the uncompressed size that the central directory declares for an entry: a zip bomb need not tell
     * the truth about its sizes, and a reader must not trust them.
     */
    static void claimSize(Path file, String entry, int size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long length = ch.size();
            // end of central directory: the last 22 bytes (no comment)
            ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(end, length - 22);
            if (end.getInt(0) != 0x06054b50) {
                throw new IOException("no end of central directory record");
            }
            long cen = end.getInt(16) & 0xFFFFFFFFL;
            int entries = end.getShort(10) & 0xFFFF;
            byte[] name = entry.getBytes(StandardCharsets.UTF_8);
            long pos = cen;
            for (int i = 0; i < entries; i++) {
                ByteBuffer h = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
                ch.read(h, pos);
                int nameLength = h.getShort(28) & 0xFFFF;
                int extra = h.getShort(30) & 0xFFFF;
                int comment = h.getShort(32) & 0xFFFF;
                ByteBuffer n = ByteBuffer.allocate(nameLength);
                ch.read(n, pos + 46);
                if (java.util.Arrays.equals(n.array(), name)) {
                    ByteBuffer s = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, size);
                    ch.write(s, pos + 24);
                    return;
                }
                pos += 46 + nameLength + extra + comment;
            }
            throw new IOException(entry + " not found");
        }
    }
}
