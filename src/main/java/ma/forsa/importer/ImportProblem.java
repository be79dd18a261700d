package ma.forsa.importer;

/**
 * Why one row (or one cell) was not imported: the row number as in the spreadsheet, the column header, the cell's
 * value (never for a column holding personal data), the message.
 */
public record ImportProblem(int row, String column, String value, String message) {

    static ImportProblem of(int row, ImportColumn column, String value, String message) {
        boolean shown = column != null && !column.personal && value != null;
        return new ImportProblem(row, column == null ? null : column.header,
                shown ? (value.length() > 60 ? value.substring(0, 60) + "…" : value) : null, message);
    }
}
