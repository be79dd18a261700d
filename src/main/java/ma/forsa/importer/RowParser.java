package ma.forsa.importer;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ma.forsa.common.i18n.Messages;
import ma.forsa.common.rules.Checked;
import ma.forsa.common.rules.Violation;
import ma.forsa.enrollment.EnrollmentRules;
import ma.forsa.enrollment.EnrollmentStatus;
import ma.forsa.enrollment.Strand;
import ma.forsa.learner.LearnerInput;
import ma.forsa.learner.LearnerRules;
import ma.forsa.learner.Sex;
import ma.forsa.outcome.OutcomeKind;
import ma.forsa.outcome.OutcomeRules;
import ma.forsa.reference.ReferenceData;

/**
 * Turns the text cells of one line into an {@link ImportRow}, or into every problem found. The cells are only read
 * here (dates, yes/no, codes in French or English); what makes a learner, an enrollment or an outcome valid is the
 * rulebook's ({@link LearnerRules}, {@link EnrollmentRules}, {@link OutcomeRules}), the same as for the GraphQL
 * mutations, each violation reported against the column of its field, in the report's language.
 */
final class RowParser {

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DASHED_FRENCH_DATE = DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT);

    private static final Map<String, Strand> STRANDS = Map.of("EDUCATIF", Strand.EDUCATIONAL, "EDUCATIONAL", Strand.EDUCATIONAL,
            "PREPROFESSIONNEL", Strand.PRE_VOCATIONAL, "PREVOCATIONAL", Strand.PRE_VOCATIONAL,
            "COMPETENCESDEVIE", Strand.LIFE_SKILLS, "LIFESKILLS", Strand.LIFE_SKILLS);
    private static final Map<String, EnrollmentStatus> STATUSES = Map.of("INSCRIT", EnrollmentStatus.ENROLLED,
            "ENROLLED", EnrollmentStatus.ENROLLED, "ACTIF", EnrollmentStatus.ACTIVE, "ACTIVE", EnrollmentStatus.ACTIVE,
            "TERMINE", EnrollmentStatus.COMPLETED, "COMPLETED", EnrollmentStatus.COMPLETED,
            "ABANDON", EnrollmentStatus.DROPPED_OUT, "DROPPEDOUT", EnrollmentStatus.DROPPED_OUT);
    private static final Map<String, OutcomeKind> OUTCOMES = Map.ofEntries(Map.entry("ECOLEFORMELLE", OutcomeKind.FORMAL_SCHOOL),
            Map.entry("FORMATIONPROFESSIONNELLE", OutcomeKind.VOCATIONAL_TRAINING),
            Map.entry("APPRENTISSAGE", OutcomeKind.APPRENTICESHIP), Map.entry("EMPLOI", OutcomeKind.EMPLOYMENT),
            Map.entry("AUTOEMPLOI", OutcomeKind.SELF_EMPLOYMENT), Map.entry("NONINSERE", OutcomeKind.NOT_INTEGRATED),
            Map.entry("INCONNU", OutcomeKind.UNKNOWN), Map.entry("FORMALSCHOOL", OutcomeKind.FORMAL_SCHOOL),
            Map.entry("VOCATIONALTRAINING", OutcomeKind.VOCATIONAL_TRAINING), Map.entry("APPRENTICESHIP", OutcomeKind.APPRENTICESHIP),
            Map.entry("EMPLOYMENT", OutcomeKind.EMPLOYMENT), Map.entry("SELFEMPLOYMENT", OutcomeKind.SELF_EMPLOYMENT),
            Map.entry("NOTINTEGRATED", OutcomeKind.NOT_INTEGRATED), Map.entry("UNKNOWN", OutcomeKind.UNKNOWN));

    private final Map<ImportColumn, Integer> columns;
    private final ReferenceData.Snapshot reference;
    private final LocalDate today;
    private final Locale locale;

    RowParser(Map<ImportColumn, Integer> columns, ReferenceData.Snapshot reference, LocalDate today, Locale locale) {
        this.columns = columns;
        this.reference = reference;
        this.today = today;
        this.locale = locale;
    }

    /** The result of parsing one line: a row, or the problems (at least one). */
    record Parsed(ImportRow row, List<ImportProblem> problems) {
    }

    Parsed parse(SheetReader.Line line) {
        Cells c = new Cells(line);
        LocalDate birth = c.date(ImportColumn.BIRTH_DATE);
        Sex sex = c.sex();
        Integer leftYear = c.integer(ImportColumn.LEFT_SCHOOL_YEAR, "import.year.invalid");
        LocalDate consent = c.date(ImportColumn.CONSENT_ON);
        Boolean disability = c.yesNo(ImportColumn.DISABILITY);
        Boolean notDuplicate = c.yesNo(ImportColumn.NOT_DUPLICATE);
        Checked<LearnerRules.Valid> learner = LearnerRules.validate(new LearnerInput(c.text(ImportColumn.MASSAR),
                c.text(ImportColumn.CIN), c.text(ImportColumn.FIRST_NAME), c.text(ImportColumn.LAST_NAME),
                c.text(ImportColumn.FIRST_NAME_AR), c.text(ImportColumn.LAST_NAME_AR), birth, sex, c.text(ImportColumn.PROVINCE),
                c.text(ImportColumn.GUARDIAN_NAME), c.text(ImportColumn.GUARDIAN_PHONE), disability,
                c.text(ImportColumn.LAST_GRADE), leftYear, c.text(ImportColumn.DROPOUT_REASON), consent), reference, today);
        // a cell already refused for its format is not refused a second time by the rule
        learner.violations().stream().filter(v -> !c.refused(ImportColumn.ofField(v.field()))).forEach(c::violation);

        String center = c.text(ImportColumn.CENTER);
        if (center == null) {
            c.problem(ImportColumn.CENTER, "import.center.required");
        } else {
            center = center.toUpperCase(Locale.ROOT);
        }
        String schoolYear = c.text(ImportColumn.SCHOOL_YEAR);
        List<Strand> strands = c.strands();
        String vocational = c.text(ImportColumn.VOCATIONAL_FIELD);
        LocalDate enrolledOn = c.date(ImportColumn.ENROLLED_ON);
        Checked.Collector course = new Checked.Collector();
        EnrollmentRules.checkCourse(course, schoolYear, strands == null && c.refused(ImportColumn.STRANDS) ? List.of(Strand.EDUCATIONAL)
                : strands, vocational, enrolledOn, today);
        course.list().stream().filter(v -> !c.refused(ImportColumn.ofField(v.field()))).forEach(c::violation);

        EnrollmentStatus status = c.choice(ImportColumn.STATUS, STATUSES, EnrollmentStatus.ENROLLED, "import.status.unknown");
        LocalDate exitedOn = c.date(ImportColumn.EXITED_ON);
        String exitReason = c.text(ImportColumn.EXIT_REASON);
        if (exitReason != null && exitReason.length() > 500) {
            c.problem(ImportColumn.EXIT_REASON, "import.exitReason.tooLong", 500);
        }
        if (status != null && status.hasEnded() && exitedOn == null && !c.has(ImportColumn.EXITED_ON)) {
            c.problem(ImportColumn.EXITED_ON, "import.exitedOn.required");
        } else if (status != null && status.isOpen() && c.has(ImportColumn.EXITED_ON)) {
            c.problem(ImportColumn.EXITED_ON, "import.exitedOn.notAllowed");
        } else if (exitedOn != null && enrolledOn != null && exitedOn.isBefore(enrolledOn)) {
            c.problem(ImportColumn.EXITED_ON, "import.exitedOn.beforeEnrollment");
        } else if (exitedOn != null && exitedOn.isAfter(today)) {
            c.problem(ImportColumn.EXITED_ON, "import.exitedOn.future");
        }

        OutcomeKind outcome = c.choice(ImportColumn.OUTCOME, OUTCOMES, null, "import.outcome.unknown");
        LocalDate observedOn = c.date(ImportColumn.OUTCOME_ON);
        Integer month = c.integer(ImportColumn.FOLLOW_UP_MONTH, "outcome.followUpMonth.values");
        String organization = c.text(ImportColumn.ORGANIZATION);
        Boolean verified = c.yesNo(ImportColumn.VERIFIED);
        boolean outcomeGiven = c.has(ImportColumn.OUTCOME) || c.has(ImportColumn.OUTCOME_ON) || c.has(ImportColumn.ORGANIZATION)
                || c.has(ImportColumn.FOLLOW_UP_MONTH) || c.has(ImportColumn.VERIFIED);
        if (outcomeGiven && c.problems.isEmpty()) {
            if (outcome == null) {
                c.problem(ImportColumn.OUTCOME, "import.outcome.missing");
            } else if (!status.hasEnded()) {
                c.problem(ImportColumn.OUTCOME, "import.outcome.notEnded");
            } else {
                Checked.Collector o = new Checked.Collector();
                OutcomeRules.checkFields(o, outcome, observedOn, month == null ? 0 : month, organization, today);
                o.list().forEach(c::violation);
                if (o.isEmpty()) {
                    OutcomeRules.checkRecord(status, exitedOn, observedOn, month == null ? 0 : month, Set.of()).forEach(c::violation);
                }
            }
        }
        if (!c.problems.isEmpty()) {
            return new Parsed(null, c.problems);
        }
        return new Parsed(new ImportRow(line.number(), learner.value(), Boolean.TRUE.equals(notDuplicate), center,
                schoolYear.strip(), strands, vocational, enrolledOn, status, exitedOn, status.hasEnded() ? exitReason : null,
                outcome, observedOn, month == null ? 0 : month, organization, Boolean.TRUE.equals(verified)), List.of());
    }

    static String french(LocalDate d) {
        return d.format(DateTimeFormatter.ofPattern("dd/MM/uuuu"));
    }

    static LocalDate parseDate(String text) {
        String t = text.strip();
        for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_LOCAL_DATE, FRENCH_DATE, DASHED_FRENCH_DATE)) {
            try {
                return LocalDate.parse(t, f);
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        // "2010-03-14 00:00:00" or "2010-03-14T00:00" from some exports
        if (t.length() > 10 && t.length() < 40 && (t.charAt(10) == ' ' || t.charAt(10) == 'T')) {
            return parseDate(t.substring(0, 10));
        }
        return null;
    }

    private static String letters(String value) {
        return java.text.Normalizer.normalize(value.strip(), java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    /** The cells of one line by column, and the problems found while reading them. */
    private final class Cells {
        final SheetReader.Line line;
        final List<ImportProblem> problems = new ArrayList<>();
        final Set<ImportColumn> refused = new LinkedHashSet<>();

        Cells(SheetReader.Line line) {
            this.line = line;
        }

        String raw(ImportColumn column) {
            Integer i = columns.get(column);
            if (i == null || i >= line.cells().size()) {
                return null;
            }
            return line.cells().get(i);
        }

        boolean has(ImportColumn column) {
            return text(column) != null;
        }

        boolean refused(ImportColumn column) {
            return column != null && refused.contains(column);
        }

        String text(ImportColumn column) {
            String v = raw(column);
            if (v == null) {
                return null;
            }
            v = v.strip();
            return v.isEmpty() ? null : v;
        }

        void problem(ImportColumn column, String key, Object... args) {
            refused.add(column);
            problems.add(ImportProblem.of(line.number(), column, raw(column), Messages.text(locale, key, args)));
        }

        void violation(Violation v) {
            ImportColumn column = ImportColumn.ofField(v.field());
            if (column != null) {
                refused.add(column);
            }
            problems.add(ImportProblem.of(line.number(), column, column == null ? null : raw(column), v.message(locale)));
        }

        LocalDate date(ImportColumn column) {
            String v = text(column);
            if (v == null) {
                return null;
            }
            LocalDate d = parseDate(v);
            if (d == null) {
                problem(column, "import.date.invalid");
            }
            return d;
        }

        Sex sex() {
            String v = text(ImportColumn.SEX);
            if (v == null) {
                return null;
            }
            return switch (letters(v)) {
                case "F", "FEMININ", "FEMME", "FILLE", "FEMALE" -> Sex.FEMALE;
                case "M", "MASCULIN", "HOMME", "GARCON", "MALE" -> Sex.MALE;
                default -> {
                    problem(ImportColumn.SEX, "learner.sex.required");
                    yield null;
                }
            };
        }

        Integer integer(ImportColumn column, String key) {
            String v = text(column);
            if (v == null) {
                return null;
            }
            try {
                return Integer.valueOf(v.endsWith(".0") ? v.substring(0, v.length() - 2) : v);
            } catch (NumberFormatException e) {
                problem(column, key);
                return null;
            }
        }

        Boolean yesNo(ImportColumn column) {
            String v = text(column);
            if (v == null) {
                return null;
            }
            return switch (letters(v)) {
                case "OUI", "O", "YES", "Y", "TRUE", "VRAI", "1", "X" -> true;
                case "NON", "N", "NO", "FALSE", "FAUX", "0" -> false;
                default -> {
                    problem(column, "import.yesNo.invalid", column.header);
                    yield null;
                }
            };
        }

        <T> T choice(ImportColumn column, Map<String, T> allowed, T absent, String key) {
            String v = text(column);
            if (v == null) {
                return absent;
            }
            T found = allowed.get(letters(v));
            if (found == null) {
                problem(column, key);
            }
            return found;
        }

        List<Strand> strands() {
            String v = text(ImportColumn.STRANDS);
            if (v == null) {
                return null;
            }
            Set<Strand> found = new LinkedHashSet<>();
            for (String part : v.split("[|,;/+]", 10)) {
                if (part.isBlank()) {
                    continue;
                }
                Strand s = STRANDS.get(letters(part));
                if (s == null) {
                    problem(ImportColumn.STRANDS, "import.strand.unknown");
                    return null;
                }
                found.add(s);
            }
            return found.isEmpty() ? null : List.copyOf(found);
        }
    }
}
