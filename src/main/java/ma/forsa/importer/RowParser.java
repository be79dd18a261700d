package ma.forsa.importer;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ma.forsa.common.ApiException;
import ma.forsa.enrollment.EnrollmentStatus;
import ma.forsa.enrollment.SchoolYears;
import ma.forsa.enrollment.Strand;
import ma.forsa.learner.LearnerInput;
import ma.forsa.learner.LearnerInputs;
import ma.forsa.learner.Sex;
import ma.forsa.outcome.OutcomeInput;
import ma.forsa.outcome.OutcomeKind;
import ma.forsa.outcome.OutcomeService;
import ma.forsa.reference.ReferenceData;

/**
 * Turns the text cells of one line into an {@link ImportRow}, or into the problems found, in French.
 * The learner, enrollment and outcome rules are those of the GraphQL mutations ({@link LearnerInputs},
 * {@link SchoolYears}, {@link OutcomeService.NewOutcome}); only their wording is translated here.
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
            Map.entry("INCONNU", OutcomeKind.UNKNOWN));

    /** The French message for each field refused by {@link LearnerInputs#validate}, and the column it comes from. */
    private static final Map<String, ImportColumn> LEARNER_COLUMNS = Map.ofEntries(
            Map.entry("massarCode", ImportColumn.MASSAR), Map.entry("cin", ImportColumn.CIN),
            Map.entry("firstName", ImportColumn.FIRST_NAME), Map.entry("lastName", ImportColumn.LAST_NAME),
            Map.entry("firstNameAr", ImportColumn.FIRST_NAME_AR), Map.entry("lastNameAr", ImportColumn.LAST_NAME_AR),
            Map.entry("birthDate", ImportColumn.BIRTH_DATE), Map.entry("sex", ImportColumn.SEX),
            Map.entry("provinceOfResidenceCode", ImportColumn.PROVINCE), Map.entry("guardianName", ImportColumn.GUARDIAN_NAME),
            Map.entry("guardianPhone", ImportColumn.GUARDIAN_PHONE), Map.entry("lastGradeCompleted", ImportColumn.LAST_GRADE),
            Map.entry("leftSchoolYear", ImportColumn.LEFT_SCHOOL_YEAR), Map.entry("dropoutReason", ImportColumn.DROPOUT_REASON),
            Map.entry("consentRecordedOn", ImportColumn.CONSENT_ON));

    static final Map<ImportColumn, String> MESSAGES = messages();

    private final Map<ImportColumn, Integer> columns;
    private final ReferenceData.Snapshot reference;
    private final LocalDate today;

    RowParser(Map<ImportColumn, Integer> columns, ReferenceData.Snapshot reference, LocalDate today) {
        this.columns = columns;
        this.reference = reference;
        this.today = today;
    }

    /** The result of parsing one line: a row, or the problems (at least one). */
    record Parsed(ImportRow row, List<ImportProblem> problems) {
    }

    Parsed parse(SheetReader.Line line) {
        Cells c = new Cells(line);
        // Cells parsed here (formats); the learner's own rules are applied by LearnerInputs below.
        LocalDate birth = c.date(ImportColumn.BIRTH_DATE);
        Sex sex = c.sex();
        Integer leftYear = c.integer(ImportColumn.LEFT_SCHOOL_YEAR, "L'année de déscolarisation doit être une année sur "
                + "4 chiffres, ex. 2022.");
        LocalDate consent = c.date(ImportColumn.CONSENT_ON);
        Boolean disability = c.yesNo(ImportColumn.DISABILITY);
        Boolean notDuplicate = c.yesNo(ImportColumn.NOT_DUPLICATE);
        LearnerInputs.Valid learner = validateLearner(c, birth, sex, leftYear, consent, disability);

        String center = c.text(ImportColumn.CENTER);
        if (center == null) {
            c.problem(ImportColumn.CENTER, MESSAGES.get(ImportColumn.CENTER));
        } else {
            center = center.toUpperCase(Locale.ROOT);
        }
        String schoolYear = c.text(ImportColumn.SCHOOL_YEAR);
        Integer firstYear = null;
        try {
            firstYear = SchoolYears.firstYear(schoolYear, "schoolYear");
        } catch (ApiException e) {
            c.problem(ImportColumn.SCHOOL_YEAR, MESSAGES.get(ImportColumn.SCHOOL_YEAR));
        }
        List<Strand> strands = c.strands();
        String vocational = c.text(ImportColumn.VOCATIONAL_FIELD);
        if (vocational != null && vocational.length() > 120) {
            c.problem(ImportColumn.VOCATIONAL_FIELD, "La filière professionnelle ne doit pas dépasser 120 caractères.");
        }
        LocalDate enrolledOn = c.date(ImportColumn.ENROLLED_ON);
        if (enrolledOn != null && firstYear != null
                && (enrolledOn.isBefore(SchoolYears.opens(firstYear)) || enrolledOn.isAfter(SchoolYears.closes(firstYear)))) {
            c.problem(ImportColumn.ENROLLED_ON, "La date d'inscription " + french(enrolledOn) + " ne tombe pas dans l'année "
                    + "scolaire " + schoolYear.strip() + " : les inscriptions de cette année vont du "
                    + french(SchoolYears.opens(firstYear)) + " au " + french(SchoolYears.closes(firstYear)) + ".");
        } else if (enrolledOn != null && enrolledOn.isAfter(today)) {
            c.problem(ImportColumn.ENROLLED_ON, "La date d'inscription " + french(enrolledOn) + " est dans le futur : "
                    + "n'importez que les inscriptions déjà faites.");
        }
        EnrollmentStatus status = c.choice(ImportColumn.STATUS, STATUSES, EnrollmentStatus.ENROLLED);
        LocalDate exitedOn = c.date(ImportColumn.EXITED_ON);
        String exitReason = c.text(ImportColumn.EXIT_REASON);
        if (exitReason != null && exitReason.length() > 500) {
            c.problem(ImportColumn.EXIT_REASON, "Le motif de sortie ne doit pas dépasser 500 caractères.");
        }
        if (status != null && status.hasEnded() && exitedOn == null && !c.has(ImportColumn.EXITED_ON)) {
            c.problem(ImportColumn.EXITED_ON, "Le statut " + c.raw(ImportColumn.STATUS) + " demande une date de sortie : "
                    + "indiquez quand l'apprenant a quitté le centre.");
        } else if (status != null && status.isOpen() && c.has(ImportColumn.EXITED_ON)) {
            c.problem(ImportColumn.EXITED_ON, "Une date de sortie n'est possible qu'avec le statut TERMINE ou ABANDON : "
                    + "videz la case ou corrigez le statut.");
        } else if (exitedOn != null && enrolledOn != null && exitedOn.isBefore(enrolledOn)) {
            c.problem(ImportColumn.EXITED_ON, "La date de sortie " + french(exitedOn) + " est avant la date d'inscription "
                    + french(enrolledOn) + ".");
        } else if (exitedOn != null && exitedOn.isAfter(today)) {
            c.problem(ImportColumn.EXITED_ON, "La date de sortie " + french(exitedOn) + " est dans le futur.");
        }

        OutcomeKind outcome = c.choice(ImportColumn.OUTCOME, OUTCOMES, null);
        LocalDate observedOn = c.date(ImportColumn.OUTCOME_ON);
        Integer month = c.integer(ImportColumn.FOLLOW_UP_MONTH, MESSAGES.get(ImportColumn.FOLLOW_UP_MONTH));
        String organization = c.text(ImportColumn.ORGANIZATION);
        Boolean verified = c.yesNo(ImportColumn.VERIFIED);
        boolean outcomeGiven = c.has(ImportColumn.OUTCOME) || c.has(ImportColumn.OUTCOME_ON) || c.has(ImportColumn.ORGANIZATION)
                || c.has(ImportColumn.FOLLOW_UP_MONTH) || c.has(ImportColumn.VERIFIED);
        if (outcomeGiven && c.problems.isEmpty()) {
            if (outcome == null) {
                c.problem(ImportColumn.OUTCOME, "Les colonnes du devenir sont remplies mais « Devenir » est vide : "
                        + "indiquez le devenir (ex. EMPLOI) ou videz ces colonnes.");
            } else if (!status.hasEnded()) {
                c.problem(ImportColumn.OUTCOME, "Un devenir s'enregistre quand l'apprenant a quitté le centre : le statut doit "
                        + "être TERMINE ou ABANDON (avec la date de sortie).");
            } else {
                checkOutcome(c, outcome, observedOn, month, organization, verified, exitedOn);
            }
        }
        if (!c.problems.isEmpty()) {
            return new Parsed(null, c.problems);
        }
        return new Parsed(new ImportRow(line.number(), learner, Boolean.TRUE.equals(notDuplicate), center, schoolYear.strip(),
                strands, vocational, enrolledOn, status, exitedOn, status.hasEnded() ? exitReason : null, outcome, observedOn,
                month == null ? 0 : month, organization, Boolean.TRUE.equals(verified)), List.of());
    }

    private void checkOutcome(Cells c, OutcomeKind kind, LocalDate observedOn, Integer month, String organization,
            Boolean verified, LocalDate exitedOn) {
        if (observedOn == null) {
            if (!c.has(ImportColumn.OUTCOME_ON)) {
                c.problem(ImportColumn.OUTCOME_ON, "La date d'observation du devenir est obligatoire quand « Devenir » est rempli.");
            }
            return;
        }
        try {
            OutcomeService.NewOutcome.of(new OutcomeInput(UUID.randomUUID().toString(), kind, observedOn,
                    month == null ? 0 : month, organization, verified), today);
        } catch (ApiException e) {
            String field = String.valueOf(e.getExtensions().get("field"));
            switch (field) {
                case "followUpMonth" -> c.problem(ImportColumn.FOLLOW_UP_MONTH, MESSAGES.get(ImportColumn.FOLLOW_UP_MONTH));
                case "observedOn" -> c.problem(ImportColumn.OUTCOME_ON, "La date d'observation " + french(observedOn)
                        + " est dans le futur : n'enregistrez un devenir qu'une fois constaté.");
                case "organization" -> c.problem(ImportColumn.ORGANIZATION, "L'organisme ne doit pas dépasser 200 caractères.");
                default -> c.problem(ImportColumn.OUTCOME, MESSAGES.get(ImportColumn.OUTCOME));
            }
            return;
        }
        if (exitedOn != null && observedOn.isBefore(exitedOn)) {
            c.problem(ImportColumn.OUTCOME_ON, "La date d'observation " + french(observedOn) + " est avant la sortie du centre ("
                    + french(exitedOn) + ") : indiquez une date postérieure.");
        }
    }

    /**
     * Applies {@link LearnerInputs#validate}; it stops at the first refused field, so each refused field is
     * reported and replaced by a neutral value until the rest passes, to list every problem of the row at once.
     */
    private LearnerInputs.Valid validateLearner(Cells c, LocalDate birth, Sex sex, Integer leftYear, LocalDate consent,
            Boolean disability) {
        Map<String, Object> v = new java.util.HashMap<>();
        v.put("massarCode", c.text(ImportColumn.MASSAR));
        v.put("cin", c.text(ImportColumn.CIN));
        v.put("firstName", c.text(ImportColumn.FIRST_NAME));
        v.put("lastName", c.text(ImportColumn.LAST_NAME));
        v.put("firstNameAr", c.text(ImportColumn.FIRST_NAME_AR));
        v.put("lastNameAr", c.text(ImportColumn.LAST_NAME_AR));
        v.put("birthDate", birth == null ? LocalDate.of(2000, 1, 1) : birth);
        v.put("sex", sex == null ? Sex.FEMALE : sex);
        v.put("provinceOfResidenceCode", c.text(ImportColumn.PROVINCE));
        v.put("guardianName", c.text(ImportColumn.GUARDIAN_NAME));
        v.put("guardianPhone", c.text(ImportColumn.GUARDIAN_PHONE));
        v.put("lastGradeCompleted", c.text(ImportColumn.LAST_GRADE));
        v.put("leftSchoolYear", leftYear);
        v.put("dropoutReason", c.text(ImportColumn.DROPOUT_REASON));
        v.put("consentRecordedOn", consent);
        boolean failed = false;
        for (int attempt = 0; attempt < LEARNER_COLUMNS.size() + 1; attempt++) {
            try {
                LearnerInputs.Valid valid = LearnerInputs.validate(new LearnerInput((String) v.get("massarCode"),
                        (String) v.get("cin"), (String) v.get("firstName"), (String) v.get("lastName"),
                        (String) v.get("firstNameAr"), (String) v.get("lastNameAr"), (LocalDate) v.get("birthDate"),
                        (Sex) v.get("sex"), (String) v.get("provinceOfResidenceCode"), (String) v.get("guardianName"),
                        (String) v.get("guardianPhone"), disability, (String) v.get("lastGradeCompleted"),
                        (Integer) v.get("leftSchoolYear"), (String) v.get("dropoutReason"), (LocalDate) v.get("consentRecordedOn")),
                        reference, today);
                return failed ? null : valid;
            } catch (ApiException e) {
                failed = true;
                String field = String.valueOf(e.getExtensions().get("field"));
                ImportColumn column = LEARNER_COLUMNS.get(field);
                if (column == null) {
                    return null;
                }
                c.problem(column, MESSAGES.get(column));
                switch (field) {
                    case "firstName", "lastName" -> v.put(field, "A");
                    case "birthDate" -> v.put(field, LocalDate.of(2000, 1, 1));
                    case "sex" -> v.put(field, Sex.FEMALE);
                    default -> v.put(field, null);
                }
            }
        }
        return null;
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
        if (t.length() > 10 && (t.charAt(10) == ' ' || t.charAt(10) == 'T')) {
            return parseDate(t.substring(0, 10));
        }
        return null;
    }

    private static String letters(String value) {
        return java.text.Normalizer.normalize(value.strip(), java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    private static Map<ImportColumn, String> messages() {
        Map<ImportColumn, String> m = new EnumMap<>(ImportColumn.class);
        m.put(ImportColumn.MASSAR, "Le code MASSAR doit être une lettre suivie de 9 chiffres (ex. J130012345) ; laissez la "
                + "case vide si l'élève n'en a pas.");
        m.put(ImportColumn.CIN, "La CIN doit comporter 1 ou 2 lettres suivies de 1 à 6 chiffres (ex. BE123456) ; laissez la "
                + "case vide si l'apprenant n'en a pas.");
        m.put(ImportColumn.FIRST_NAME, "Le prénom est obligatoire, doit contenir des lettres et faire au plus 100 caractères.");
        m.put(ImportColumn.LAST_NAME, "Le nom est obligatoire, doit contenir des lettres et faire au plus 100 caractères.");
        m.put(ImportColumn.FIRST_NAME_AR, "Le prénom en arabe doit être écrit en lettres arabes (ex. فاطمة), 100 caractères "
                + "au plus ; sinon laissez la case vide.");
        m.put(ImportColumn.LAST_NAME_AR, "Le nom en arabe doit être écrit en lettres arabes (ex. العمراني), 100 caractères "
                + "au plus ; sinon laissez la case vide.");
        m.put(ImportColumn.BIRTH_DATE, "La date de naissance doit être une date passée, après le 01/01/1950.");
        m.put(ImportColumn.SEX, "Le sexe est obligatoire : F (féminin) ou M (masculin).");
        m.put(ImportColumn.PROVINCE, "Ce code de province est inconnu : utilisez un code de province ou de préfecture "
                + "(ex. RAB pour Rabat), ou laissez la case vide.");
        m.put(ImportColumn.GUARDIAN_NAME, "Le nom du tuteur ne doit pas dépasser 200 caractères.");
        m.put(ImportColumn.GUARDIAN_PHONE, "Le téléphone du tuteur doit comporter 9 à 15 chiffres, éventuellement précédés "
                + "de + (ex. 0612345678 ou +212612345678).");
        m.put(ImportColumn.LAST_GRADE, "Le dernier niveau validé ne doit pas dépasser 40 caractères.");
        m.put(ImportColumn.LEFT_SCHOOL_YEAR, "L'année de déscolarisation doit être comprise entre l'année des 5 ans de "
                + "l'apprenant et l'année en cours.");
        m.put(ImportColumn.DROPOUT_REASON, "Le motif de déscolarisation ne doit pas dépasser 500 caractères.");
        m.put(ImportColumn.CONSENT_ON, "La date du consentement ne peut pas être dans le futur.");
        m.put(ImportColumn.CENTER, "Le code du centre est obligatoire : indiquez le code d'un de vos centres.");
        m.put(ImportColumn.SCHOOL_YEAR, "L'année scolaire doit être écrite avec deux années consécutives, ex. 2025-2026.");
        m.put(ImportColumn.STRANDS, "Indiquez au moins un volet parmi EDUCATIF, PRE_PROFESSIONNEL, COMPETENCES_DE_VIE "
                + "(séparés par |).");
        m.put(ImportColumn.STATUS, "Statut inconnu : INSCRIT, ACTIF, TERMINE ou ABANDON (ou vide pour INSCRIT).");
        m.put(ImportColumn.OUTCOME, "Devenir inconnu : ECOLE_FORMELLE, FORMATION_PROFESSIONNELLE, APPRENTISSAGE, EMPLOI, "
                + "AUTO_EMPLOI, NON_INSERE ou INCONNU.");
        m.put(ImportColumn.FOLLOW_UP_MONTH, "Le mois de suivi doit être 0 (à la sortie), 3, 6 ou 12.");
        return m;
    }

    /** The cells of one line by column, and the problems found while reading them. */
    private final class Cells {
        final SheetReader.Line line;
        final List<ImportProblem> problems = new ArrayList<>();

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

        String text(ImportColumn column) {
            String v = raw(column);
            if (v == null) {
                return null;
            }
            v = v.strip();
            return v.isEmpty() ? null : v;
        }

        void problem(ImportColumn column, String message) {
            problems.add(ImportProblem.of(line.number(), column, raw(column), message));
        }

        LocalDate date(ImportColumn column) {
            String v = text(column);
            if (v == null) {
                if (column.required) {
                    problem(column, "La " + column.header.toLowerCase(Locale.ROOT) + " est obligatoire (format AAAA-MM-JJ "
                            + "ou JJ/MM/AAAA).");
                }
                return null;
            }
            LocalDate d = parseDate(v);
            if (d == null) {
                problem(column, "« " + v + " » n'est pas une date valide : écrivez-la AAAA-MM-JJ (ex. 2010-03-14) ou "
                        + "JJ/MM/AAAA (ex. 14/03/2010).");
            }
            return d;
        }

        Sex sex() {
            String v = text(ImportColumn.SEX);
            if (v == null) {
                problem(ImportColumn.SEX, MESSAGES.get(ImportColumn.SEX));
                return null;
            }
            return switch (letters(v)) {
                case "F", "FEMININ", "FEMME", "FILLE", "FEMALE" -> Sex.FEMALE;
                case "M", "MASCULIN", "HOMME", "GARCON", "MALE" -> Sex.MALE;
                default -> {
                    problem(ImportColumn.SEX, MESSAGES.get(ImportColumn.SEX));
                    yield null;
                }
            };
        }

        Integer integer(ImportColumn column, String message) {
            String v = text(column);
            if (v == null) {
                return null;
            }
            try {
                return Integer.valueOf(v.endsWith(".0") ? v.substring(0, v.length() - 2) : v);
            } catch (NumberFormatException e) {
                problem(column, message);
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
                    problem(column, "« " + column.header + " » attend oui ou non ; « " + v + " » n'est pas compris.");
                    yield null;
                }
            };
        }

        <T> T choice(ImportColumn column, Map<String, T> allowed, T absent) {
            String v = text(column);
            if (v == null) {
                return absent;
            }
            T found = allowed.get(letters(v));
            if (found == null) {
                problem(column, MESSAGES.get(column));
            }
            return found;
        }

        List<Strand> strands() {
            String v = text(ImportColumn.STRANDS);
            if (v == null) {
                problem(ImportColumn.STRANDS, MESSAGES.get(ImportColumn.STRANDS));
                return null;
            }
            Set<Strand> found = new LinkedHashSet<>();
            for (String part : v.split("[|,;/+]")) {
                if (part.isBlank()) {
                    continue;
                }
                Strand s = STRANDS.get(letters(part));
                if (s == null) {
                    problem(ImportColumn.STRANDS, "Volet inconnu « " + part.strip() + " » : les volets possibles sont "
                            + "EDUCATIF, PRE_PROFESSIONNEL et COMPETENCES_DE_VIE (séparés par |).");
                    return null;
                }
                found.add(s);
            }
            if (found.isEmpty()) {
                problem(ImportColumn.STRANDS, MESSAGES.get(ImportColumn.STRANDS));
                return null;
            }
            return List.copyOf(found);
        }
    }
}
