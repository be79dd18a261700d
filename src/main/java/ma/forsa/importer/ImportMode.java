package ma.forsa.importer;

import java.util.Arrays;

import ma.forsa.common.ApiException;

/** What happens to the valid rows of a file that also has invalid ones. */
public enum ImportMode {
    /** Valid rows are imported (each row whole or not at all), invalid ones reported. */
    VALID_ROWS("valid-rows"),
    /** One invalid row rejects the file: nothing is written. */
    ALL_OR_NOTHING("all-or-nothing");

    public final String value;

    ImportMode(String value) {
        this.value = value;
    }

    public static ImportMode parse(String text) {
        if (text == null || text.isBlank()) {
            return VALID_ROWS;
        }
        return Arrays.stream(values()).filter(m -> m.value.equalsIgnoreCase(text.strip())).findFirst()
                .orElseThrow(() -> ApiException.validation("mode", "mode doit valoir valid-rows (les lignes valides sont "
                        + "importées, les autres signalées) ou all-or-nothing (une seule ligne invalide rejette tout le "
                        + "fichier) ; reçu « " + text + " »."));
    }
}
