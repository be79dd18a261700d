package ma.forsa.learner;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Normalised forms of names for duplicate detection and search: lower case, Latin accents and
 * Arabic diacritics (harakat, shadda, sukun, superscript alef, hamza marks) and tatweel removed,
 * alef / yeh / teh marbuta variants unified, punctuation turned into single spaces.
 * "Zineb Aït-Ouahmane" and "zineb ait ouahmane" give the same key, as do "فاطِمة" and "فاطمه".
 */
public final class Names {

    private Names() {
    }

    /** ASCII text is its own NFKD form. */
    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = ascii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean space = true;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK || cp == 0x0640) {
                continue; // accents, Arabic diacritics, tatweel
            }
            cp = switch (cp) {
                case 0x0622, 0x0623, 0x0625, 0x0671 -> 0x0627; // alef variants -> alef
                case 0x0649 -> 0x064A; // alef maksura -> yeh
                case 0x0629 -> 0x0647; // teh marbuta -> heh
                case 0x00DF -> 's'; // sharp s
                case 0x0131 -> 'i'; // dotless i
                default -> cp;
            };
            if (Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(Character.toLowerCase(cp));
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        return out.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** "first last", normalised: the V1 {@code name_key} column. */
    public static String nameKey(String firstName, String lastName) {
        return join(firstName, lastName);
    }

    /** All names in both scripts, normalised: the {@code search_key} column. */
    public static String searchKey(String firstName, String lastName, String firstNameAr, String lastNameAr) {
        return join(firstName, lastName, firstNameAr, lastNameAr);
    }

    /** The normalised words of a free-text search (at most {@code max}). */
    public static List<String> tokens(String search, int max) {
        String normalised = normalise(search);
        if (normalised.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(normalised.split(" ")).distinct().limit(max).toList();
    }

    private static String join(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            String n = part == null ? "" : normalise(part);
            if (!n.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(n);
            }
        }
        return out.toString();
    }

    /** Levenshtein distance, giving up (returning {@code limit + 1}) once it exceeds {@code limit}. */
    public static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
