package ma.forsa.importer;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The columns of an import file, with their French headers, as shown in the template. */
public enum ImportColumn {
    MASSAR("massarCode", true, "Code MASSAR", false, "J130012345",
            "Identifiant MASSAR de l'élève : une lettre suivie de 9 chiffres. Laisser vide s'il n'en a pas. "
                    + "Un code déjà connu rattache la ligne à l'apprenant existant (rien n'est modifié sur sa fiche)."),
    CIN("cin", true, "CIN", false, "", "Carte d'identité nationale : 1 ou 2 lettres suivies de 1 à 6 chiffres (ex. BE123456)."),
    FIRST_NAME("firstName", true, "Prénom", true, "Fatima", "Prénom en lettres latines (100 caractères au plus)."),
    LAST_NAME("lastName", true, "Nom", true, "El Amrani", "Nom de famille en lettres latines (100 caractères au plus)."),
    FIRST_NAME_AR("firstNameAr", true, "Prénom (arabe)", false, "فاطمة", "Prénom en écriture arabe."),
    LAST_NAME_AR("lastNameAr", true, "Nom (arabe)", false, "العمراني", "Nom de famille en écriture arabe."),
    BIRTH_DATE("birthDate", true, "Date de naissance", true, "2010-03-14", "Date au format AAAA-MM-JJ ou JJ/MM/AAAA."),
    SEX("sex", false, "Sexe", true, "F", "F (féminin) ou M (masculin)."),
    PROVINCE("provinceOfResidenceCode", false, "Province de résidence", false, "RAB", "Code de la province ou préfecture de résidence."),
    GUARDIAN_NAME("guardianName", true, "Nom du tuteur", false, "Khadija El Amrani", "Nom du parent ou tuteur (200 caractères au plus)."),
    GUARDIAN_PHONE("guardianPhone", true, "Téléphone du tuteur", false, "0612345678", "Numéro de 9 à 15 chiffres, éventuellement précédé de +."),
    DISABILITY("disability", true, "Situation de handicap", false, "non", "oui ou non (non si vide)."),
    LAST_GRADE("lastGradeCompleted", false, "Dernier niveau validé", false, "6e primaire", "Dernier niveau scolaire validé (40 caractères au plus)."),
    LEFT_SCHOOL_YEAR("leftSchoolYear", false, "Année de déscolarisation", false, "2022", "Année (4 chiffres) où l'élève a quitté l'école."),
    DROPOUT_REASON("dropoutReason", true, "Motif de déscolarisation", false, "Éloignement de l'école", "Texte libre (500 caractères au plus)."),
    CONSENT_ON("consentRecordedOn", false, "Date du consentement", false, "2025-09-01", "Date où le consentement du tuteur a été recueilli."),
    CENTER("centerId", false, "Code du centre", true, "E2C-RAB-00001", "Code du centre d'inscription (un de vos centres)."),
    SCHOOL_YEAR("schoolYear", false, "Année scolaire", true, "2025-2026", "Deux années consécutives, ex. 2025-2026."),
    STRANDS("strands", false, "Volets", true, "EDUCATIF|COMPETENCES_DE_VIE",
            "Un ou plusieurs volets séparés par | : EDUCATIF, PRE_PROFESSIONNEL, COMPETENCES_DE_VIE."),
    VOCATIONAL_FIELD("vocationalField", false, "Filière professionnelle", false, "", "Filière pré-professionnelle (120 caractères au plus)."),
    ENROLLED_ON("enrolledOn", false, "Date d'inscription", true, "2025-09-15",
            "Date d'inscription, comprise entre le 1er juin de la première année et le 31 août de la seconde."),
    STATUS("status", false, "Statut", false, "INSCRIT",
            "INSCRIT (par défaut), ACTIF, TERMINE ou ABANDON. TERMINE et ABANDON demandent une date de sortie."),
    EXITED_ON("exitedOn", false, "Date de sortie", false, "", "Date de fin du parcours (obligatoire pour TERMINE ou ABANDON)."),
    EXIT_REASON("exitReason", true, "Motif de sortie", false, "", "Texte libre (500 caractères au plus)."),
    OUTCOME("kind", false, "Devenir", false, "",
            "Devenir après le centre (seulement si TERMINE ou ABANDON) : ECOLE_FORMELLE, FORMATION_PROFESSIONNELLE, "
                    + "APPRENTISSAGE, EMPLOI, AUTO_EMPLOI, NON_INSERE, INCONNU."),
    OUTCOME_ON("observedOn", false, "Date d'observation", false, "", "Date où le devenir a été constaté (obligatoire si Devenir est rempli)."),
    FOLLOW_UP_MONTH("followUpMonth", false, "Mois de suivi", false, "", "0 (à la sortie, par défaut), 3, 6 ou 12."),
    ORGANIZATION("organization", false, "Organisme", false, "", "École, institut de formation ou employeur (200 caractères au plus)."),
    VERIFIED("verified", false, "Devenir vérifié", false, "", "oui ou non (non si vide)."),
    NOT_DUPLICATE("confirmNotDuplicate", false, "Pas un doublon", false, "non",
            "oui pour confirmer qu'il ne s'agit pas d'un apprenant déjà inscrit portant un nom très proche et la même "
                    + "date de naissance (sinon la ligne est signalée comme doublon probable).");

    private static final Map<String, ImportColumn> BY_KEY = Stream.of(values())
            .collect(Collectors.toMap(c -> key(c.header), Function.identity()));

    /** The input field of the rulebook (GraphQL input field name) this column fills. */
    public final String field;
    /** Whether the column carries personal data: its values are never repeated in a report. */
    public final boolean personal;
    public final String header;
    public final boolean required;
    public final String example;
    public final String description;

    ImportColumn(String field, boolean personal, String header, boolean required, String example, String description) {
        this.field = field;
        this.personal = personal;
        this.header = header;
        this.required = required;
        this.example = example;
        this.description = description;
    }

    /** The column a header names, ignoring case, accents, spaces and punctuation; null when unknown. */
    public static ImportColumn byHeader(String header) {
        return header == null ? null : BY_KEY.get(key(header));
    }

    /**
     * The column a rule's field refers to. Rules about the enrollment as a whole (age, open enrollment, agreement) point
     * at the enrollment date or the centre.
     */
    public static ImportColumn ofField(String field) {
        if (field == null) {
            return null;
        }
        return switch (field) {
            case "on" -> ENROLLED_ON;
            case "learnerId", "agreementId", "toCenterId" -> CENTER;
            case "enrollmentId" -> STATUS;
            default -> Stream.of(values()).filter(c -> c.field.equals(field)).findFirst().orElse(null);
        };
    }

    static String key(String header) {
        String s = Normalizer.normalize(header.strip(), Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }
}
