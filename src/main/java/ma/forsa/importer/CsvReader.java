package ma.forsa.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming CSV reader: UTF-8 (with or without BOM), separator {@code ;} or {@code ,} (whichever
 * the header line uses, outside quotes), fields quoted with {@code "} ({@code ""} inside quotes is
 * one quote), line breaks inside quoted fields, CRLF or LF line ends.
 * <p>
 * Within the {@link ImportLimits}: characters per field and per line (a record), columns holding a value
 * (empty fields further right are dropped), non-blank lines. {@link #open} reads the file through once,
 * checking them, before the caller sees its first line: a file over a limit is refused before any of it is
 * imported, and never costs more than one line of memory.
 */
final class CsvReader implements SheetReader {

    private final Reader in;
    private final char separator;
    private final ImportLimits limits;
    private int record;
    private int nonBlank;
    private int recordLength;
    private int pushedBack = -2;

    private CsvReader(Reader in, char separator, ImportLimits limits) {
        this.in = in;
        this.separator = separator;
        this.limits = limits;
    }

    static CsvReader open(Path file, ImportLimits limits) throws IOException {
        char separator = detectSeparator(file);
        try (CsvReader scan = new CsvReader(reader(file), separator, limits)) {
            while (scan.next() != null) {
                // every limit is checked on the way
            }
        }
        return new CsvReader(reader(file), separator, limits);
    }

    private static Reader reader(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
        r.mark(1);
        if (read(r) != '\uFEFF') {
            r.reset();
        }
        return r;
    }

    private static char detectSeparator(Path file) throws IOException {
        try (Reader r = reader(file)) {
            int semicolons = 0;
            int commas = 0;
            boolean quoted = false;
            for (int i = 0; i < 100_000; i++) {
                int c = read(r);
                if (c < 0 || (!quoted && (c == '\n' || c == '\r'))) {
                    break;
                }
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == ';') {
                    semicolons++;
                } else if (!quoted && c == ',') {
                    commas++;
                }
            }
            return semicolons >= commas ? ';' : ',';
        }
    }

    @Override
    public String format() {
        return "CSV";
    }

    @Override
    public Line next() throws IOException {
        List<String> cells = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        recordLength = 0;
        int c = take();
        if (c < 0) {
            return null;
        }
        int column = 0;
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c < 0) {
                    throw new ImportRefused("UNREADABLE_FILE", "Ligne " + (record + 1) + " : un guillemet (\") ouvert n'est "
                            + "jamais refermé. Vérifiez le fichier ou enregistrez-le à nouveau depuis le tableur.");
                }
                if (c == '"') {
                    int d = take();
                    if (d == '"') {
                        append(field, '"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    append(field, (char) c);
                }
            } else if (c < 0 || c == '\n' || c == '\r') {
                if (c == '\r') {
                    int d = nextChar();
                    if (d != '\n') {
                        pushedBack = d;
                    }
                }
                addCell(cells, column, cell(field, wasQuoted));
                record++;
                Line line = new Line(record, cells);
                if (!line.isBlank() && ++nonBlank > limits.maxRows() + 1) {
                    throw Refusals.tooManyRows(limits.maxRows());
                }
                return line;
            } else if (c == separator) {
                addCell(cells, column++, cell(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                append(field, (char) c);
            }
            c = take();
        }
    }

    /** Keeps the field if it is within the columns; an empty one further right is dropped, a value refused. */
    private void addCell(List<String> cells, int column, String value) {
        if (column < limits.maxColumns()) {
            cells.add(value);
        } else if (!value.isEmpty()) {
            throw Refusals.tooManyColumns(record + 1, column, limits.maxColumns());
        }
    }

    private void append(StringBuilder field, char c) {
        if (field.length() >= limits.maxCellLength()) {
            throw Refusals.cellTooLong(record + 1, limits.maxCellLength());
        }
        field.append(c);
    }

    /** The next character of the current line. */
    private int take() throws IOException {
        int c = nextChar();
        if (c >= 0 && ++recordLength > limits.maxLineLength()) {
            throw Refusals.lineTooLong(record + 1, limits.maxLineLength());
        }
        return c;
    }

    private static String cell(StringBuilder field, boolean quoted) {
        String s = field.toString();
        return quoted ? s : s.strip();
    }

    private int nextChar() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return read(in);
    }

    private static int read(Reader r) throws IOException {
        int c;
        try {
            c = r.read();
        } catch (CharacterCodingException e) {
            throw notText();
        }
        if (c == 0) {
            throw notText();
        }
        return c;
    }

    private static ImportRefused notText() {
        return new ImportRefused("UNREADABLE_FILE", "Ce fichier n'est ni un classeur Excel (.xlsx) ni un fichier CSV en "
                + "UTF-8 : il n'a pas pu être lu. Dans votre tableur, enregistrez la liste au format « Classeur Excel (.xlsx) » "
                + "ou « CSV UTF-8 (délimité par des points-virgules) », puis envoyez-la à nouveau.");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
