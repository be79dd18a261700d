package ma.forsa.importer;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The columns of an import file, with their French headers, as shown in the template. */
public enum ImportColumn {
    MASSAR("Code MASSAR", false, "J130012345",
            "Identifiant MASSAR de l'élève : une lettre suivie de 9 chiffres. Laisser vide s'il n'en a pas. "
                    + "Un code déjà connu rattache la ligne à l'apprenant existant (rien n'est modifié sur sa fiche)."),
    CIN("CIN", false, "", "Carte d'identité nationale : 1 ou 2 lettres suivies de 1 à 6 chiffres (ex. BE123456)."),
    FIRST_NAME("Prénom", true, "Fatima", "Prénom en lettres latines (100 caractères au plus)."),
    LAST_NAME("Nom", true, "El Amrani", "Nom de famille en lettres latines (100 caractères au plus)."),
    FIRST_NAME_AR("Prénom (arabe)", false, "فاطمة", "Prénom en écriture arabe."),
    LAST_NAME_AR("Nom (arabe)", false, "العمراني", "Nom de famille en écriture arabe."),
    BIRTH_DATE("Date de naissance", true, "2010-03-14", "Date au format AAAA-MM-JJ ou JJ/MM/AAAA."),
    SEX("Sexe", true, "F", "F (féminin) ou M (masculin)."),
    PROVINCE("Province de résidence", false, "RAB", "Code de la province ou préfecture de résidence."),
    GUARDIAN_NAME("Nom du tuteur", false, "Khadija El Amrani", "Nom du parent ou tuteur (200 caractères au plus)."),
    GUARDIAN_PHONE("Téléphone du tuteur", false, "0612345678", "Numéro de 9 à 15 chiffres, éventuellement précédé de +."),
    DISABILITY("Situation de handicap", false, "non", "oui ou non (non si vide)."),
    LAST_GRADE("Dernier niveau validé", false, "6e primaire", "Dernier niveau scolaire validé (40 caractères au plus)."),
    LEFT_SCHOOL_YEAR("Année de déscolarisation", false, "2022", "Année (4 chiffres) où l'élève a quitté l'école."),
    DROPOUT_REASON("Motif de déscolarisation", false, "Éloignement de l'école", "Texte libre (500 caractères au plus)."),
    CONSENT_ON("Date du consentement", false, "2025-09-01", "Date où le consentement du tuteur a été recueilli."),
    CENTER("Code du centre", true, "C-RABAT-01", "Code du centre d'inscription (un de vos centres)."),
    SCHOOL_YEAR("Année scolaire", true, "2025-2026", "Deux années consécutives, ex. 2025-2026."),
    STRANDS("Volets", true, "EDUCATIF|COMPETENCES_DE_VIE",
            "Un ou plusieurs volets séparés par | : EDUCATIF, PRE_PROFESSIONNEL, COMPETENCES_DE_VIE."),
    VOCATIONAL_FIELD("Filière professionnelle", false, "", "Filière pré-professionnelle (120 caractères au plus)."),
    ENROLLED_ON("Date d'inscription", true, "2025-09-15",
            "Date d'inscription, comprise entre le 1er juin de la première année et le 31 août de la seconde."),
    STATUS("Statut", false, "INSCRIT",
            "INSCRIT (par défaut), ACTIF, TERMINE ou ABANDON. TERMINE et ABANDON demandent une date de sortie."),
    EXITED_ON("Date de sortie", false, "", "Date de fin du parcours (obligatoire pour TERMINE ou ABANDON)."),
    EXIT_REASON("Motif de sortie", false, "", "Texte libre (500 caractères au plus)."),
    OUTCOME("Devenir", false, "",
            "Devenir après le centre (seulement si TERMINE ou ABANDON) : ECOLE_FORMELLE, FORMATION_PROFESSIONNELLE, "
                    + "APPRENTISSAGE, EMPLOI, AUTO_EMPLOI, NON_INSERE, INCONNU."),
    OUTCOME_ON("Date d'observation", false, "", "Date où le devenir a été constaté (obligatoire si Devenir est rempli)."),
    FOLLOW_UP_MONTH("Mois de suivi", false, "", "0 (à la sortie, par défaut), 3, 6 ou 12."),
    ORGANIZATION("Organisme", false, "", "École, institut de formation ou employeur (200 caractères au plus)."),
    VERIFIED("Devenir vérifié", false, "", "oui ou non (non si vide)."),
    NOT_DUPLICATE("Pas un doublon", false, "non",
            "oui pour confirmer qu'il ne s'agit pas d'un apprenant déjà inscrit portant un nom très proche et la même "
                    + "date de naissance (sinon la ligne est signalée comme doublon probable).");

    private static final Map<String, ImportColumn> BY_KEY = Stream.of(values())
            .collect(Collectors.toMap(c -> key(c.header), Function.identity()));

    public final String header;
    public final boolean required;
    public final String example;
    public final String description;

    ImportColumn(String header, boolean required, String example, String description) {
        this.header = header;
        this.required = required;
        this.example = example;
        this.description = description;
    }

    /** The column a header names, ignoring case, accents, spaces and punctuation; null when unknown. */
    public static ImportColumn byHeader(String header) {
        return header == null ? null : BY_KEY.get(key(header));
    }

    static String key(String header) {
        String s = Normalizer.normalize(header.strip(), Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }
}
