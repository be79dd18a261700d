package ma.forsa.importer;

/** The whole file is refused (unreadable, wrong headers, too large...): nothing is imported. */
public class ImportRefused extends RuntimeException {

    private final String reason;
    private final int httpStatus;

    public ImportRefused(String reason, String message) {
        this(reason, message, 400);
    }

    public ImportRefused(String reason, String message, int httpStatus) {
        super(message, null, false, false);
        this.reason = reason;
        this.httpStatus = httpStatus;
    }

    /** A stable code for programs: EMPTY_FILE, UNREADABLE_FILE, BAD_HEADERS, TOO_LARGE, ... */
    public String reason() {
        return reason;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
