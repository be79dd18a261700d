package ma.forsa.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** The file to fill in: French headers, one example row, and (XLSX) a second sheet describing each column. */
final class ImportTemplate {

    private ImportTemplate() {
    }

    static byte[] csv() {
        String header = Stream.of(ImportColumn.values()).map(c -> c.header).map(ImportTemplate::csvCell)
                .collect(Collectors.joining(";"));
        String example = Stream.of(ImportColumn.values()).map(c -> c.example).map(ImportTemplate::csvCell)
                .collect(Collectors.joining(";"));
        return ("\uFEFF" + header + "\r\n" + example + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String csvCell(String value) {
        return value.contains(";") || value.contains("\"") || value.contains(",")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    static byte[] xlsx() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "Forsa", "1.0");
        Worksheet rows = wb.newWorksheet("Apprenants");
        Worksheet help = wb.newWorksheet("Colonnes");
        ImportColumn[] columns = ImportColumn.values();
        for (int i = 0; i < columns.length; i++) {
            rows.value(0, i, columns[i].header);
            rows.style(0, i).bold().fillColor(columns[i].required ? "FFE699" : "DDEBF7").set();
            // Text cells: Excel keeps MASSAR codes, phone numbers and dates as typed.
            rows.value(1, i, columns[i].example);
            rows.width(i, Math.max(14, columns[i].header.length() + 4));
        }
        help.value(0, 0, "Colonne");
        help.value(0, 1, "Obligatoire");
        help.value(0, 2, "Valeurs acceptées");
        help.value(0, 3, "Exemple");
        help.style(0, 0).bold().set();
        help.style(0, 1).bold().set();
        help.style(0, 2).bold().set();
        help.style(0, 3).bold().set();
        for (int i = 0; i < columns.length; i++) {
            help.value(i + 1, 0, columns[i].header);
            help.value(i + 1, 1, columns[i].required ? "oui" : "non");
            help.value(i + 1, 2, columns[i].description);
            help.value(i + 1, 3, columns[i].example);
        }
        int notes = columns.length + 3;
        help.value(notes, 0, "Une ligne par apprenant, sous la ligne d'en-tête. Les lignes vides sont ignorées. "
                + "Envoyez ce classeur (premier onglet) ou un CSV UTF-8 séparé par ; ou ,.");
        help.value(notes + 1, 0, "Un apprenant déjà connu (même code MASSAR, ou même ligne déjà importée) est rattaché, "
                + "pas créé une seconde fois : renvoyer le même fichier ne crée rien de nouveau.");
        help.width(0, 28);
        help.width(1, 12);
        help.width(2, 110);
        help.width(3, 24);
        wb.finish();
        return out.toByteArray();
    }
}
