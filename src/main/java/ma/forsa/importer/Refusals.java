package ma.forsa.importer;

import java.util.Locale;

/**
 * The refusals of a file over one of the {@link ImportLimits}: a stable reason for programs, a French message
 * that names the limit and says what to do. Nothing read from the file is echoed.
 */
final class Refusals {

    static final String TOO_MANY_ROWS = "TOO_MANY_ROWS";
    static final String TOO_MANY_COLUMNS = "TOO_MANY_COLUMNS";
    static final String CELL_TOO_LONG = "CELL_TOO_LONG";
    static final String LINE_TOO_LONG = "LINE_TOO_LONG";
    static final String TOO_MANY_STRINGS = "TOO_MANY_STRINGS";
    static final String ENTRY_TOO_LARGE = "ENTRY_TOO_LARGE";
    static final String ZIP_BOMB = "ZIP_BOMB";
    static final String UNREADABLE_FILE = "UNREADABLE_FILE";

    private static final String SPLIT = "découpez la liste en plusieurs fichiers et envoyez-les l'un après l'autre.";
    private static final String TEMPLATE = "Ce fichier ne ressemble pas à une liste d'apprenants : repartez du modèle d'import.";

    private Refusals() {
    }

    static ImportRefused tooManyRows(int max) {
        return new ImportRefused(TOO_MANY_ROWS, "Le fichier compte plus de " + count(max) + " lignes ; la limite est de "
                + count(max) + " lignes d'apprenants par import (ligne d'en-tête et lignes vides non comptées) : " + SPLIT);
    }

    static ImportRefused tooManyColumns(int line, int column, int max) {
        return new ImportRefused(TOO_MANY_COLUMNS, "Ligne " + count(line) + " : la colonne " + column(column) + " (la "
                + count(column + 1) + "e) contient une valeur ; un fichier d'import compte au plus " + count(max)
                + " colonnes (le modèle en a " + ImportColumn.values().length + ") : supprimez les colonnes en trop ou "
                + "repartez du modèle d'import.");
    }

    static ImportRefused cellTooLong(int line, int max) {
        return new ImportRefused(CELL_TOO_LONG, "Ligne " + count(line) + " : une case dépasse " + count(max)
                + " caractères, la limite par case. " + TEMPLATE);
    }

    /** A shared string of a workbook, or a piece of its XML, longer than a cell may be. */
    static ImportRefused textTooLong(int max) {
        return new ImportRefused(CELL_TOO_LONG, "Le classeur contient un texte de plus de " + count(max)
                + " caractères ; une case en compte au plus " + count(max) + ". " + TEMPLATE);
    }

    static ImportRefused lineTooLong(int line, int max) {
        return new ImportRefused(LINE_TOO_LONG, "Ligne " + count(line) + " : la ligne dépasse " + count(max)
                + " caractères, la limite par ligne. " + TEMPLATE);
    }

    static ImportRefused tooManyStrings(int max) {
        return new ImportRefused(TOO_MANY_STRINGS, "Le classeur contient plus de " + count(max)
                + " textes différents ; la limite est de " + count(max) + " : " + SPLIT);
    }

    static ImportRefused stringsTooLong(int max) {
        return new ImportRefused(TOO_MANY_STRINGS, "Les textes du classeur totalisent plus de " + count(max)
                + " caractères ; la limite est de " + count(max) + " : " + SPLIT);
    }

    static ImportRefused entryTooLarge(long maxBytes) {
        return new ImportRefused(ENTRY_TOO_LARGE, "Une fois décompressée, une partie du classeur (feuille ou textes) dépasse "
                + megabytes(maxBytes) + ", la taille maximale : " + SPLIT);
    }

    static ImportRefused zipBomb(int maxRatio) {
        return new ImportRefused(ZIP_BOMB, "Une partie du classeur se décompresse en plus de " + count(maxRatio)
                + " fois sa taille, la limite : ce n'est pas un classeur produit par un tableur (bombe de décompression). "
                + "Enregistrez la liste depuis votre tableur au format « Classeur Excel (.xlsx) » ou repartez du modèle.");
    }

    static ImportRefused unreadableWorkbook() {
        return new ImportRefused(UNREADABLE_FILE, "Ce classeur Excel est endommagé ou n'est pas un fichier .xlsx : il n'a "
                + "pas pu être lu. Ouvrez-le dans votre tableur, enregistrez-le à nouveau au format « Classeur Excel (.xlsx) » "
                + "puis envoyez-le.");
    }

    /** 100000 -> "100 000" (French grouping). */
    static String count(long n) {
        return String.format(Locale.FRANCE, "%,d", n);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.FRANCE, "%,d Mo", bytes >> 20);
    }

    /** 0 -> A, 25 -> Z, 26 -> AA... as a spreadsheet names its columns. */
    static String column(int index) {
        StringBuilder s = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            s.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return s.toString();
    }
}
