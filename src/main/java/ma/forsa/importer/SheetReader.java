package ma.forsa.importer;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads an import file one row at a time (streaming): a CSV or the first sheet of an XLSX workbook, within
 * {@link ImportLimits}. Opening a file reads it through once to check every limit, so that a file over one is
 * refused ({@link ImportRefused}) before its first line is imported, in memory bounded by the limits whatever
 * the file's size.
 */
public interface SheetReader extends Closeable {

    /** One line of the file: its number as the user sees it (1 = header line) and its cells as text. */
    record Line(int number, List<String> cells) {

        public boolean isBlank() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException;

    String format();

    /** {@link #open(Path, ImportLimits)} with {@link ImportLimits#defaults()}. */
    static SheetReader open(Path file) throws IOException {
        return open(file, ImportLimits.defaults());
    }

    /** Opens the file, recognising its format from its content (not its name), and checks it against the limits. */
    static SheetReader open(Path file, ImportLimits limits) throws IOException {
        if (Files.size(file) == 0) {
            throw new ImportRefused("EMPTY_FILE", "Le fichier est vide (0 octet) : choisissez le fichier rempli à partir du "
                    + "modèle et envoyez-le à nouveau.");
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return XlsxReader.open(file, limits);
        }
        if (n >= 8 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11) {
            throw new ImportRefused("UNSUPPORTED_FORMAT", "Ce fichier est au format Excel 97-2003 (.xls), qui n'est pas accepté : "
                    + "dans Excel, faites « Enregistrer sous » et choisissez « Classeur Excel (.xlsx) » ou « CSV UTF-8 ».");
        }
        return CsvReader.open(file, limits);
    }
}
