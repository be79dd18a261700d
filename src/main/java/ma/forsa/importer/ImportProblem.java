package ma.forsa.importer;

/** Why one row (or one cell) was not imported: the row number as in the spreadsheet, the column header, the value. */
public record ImportProblem(int row, String column, String value, String message) {

    static ImportProblem of(int row, ImportColumn column, String value, String message) {
        return new ImportProblem(row, column == null ? null : column.header, value, message);
    }
}
