package ma.forsa.common.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The one message catalogue of Forsa: {@code i18n/messages_<lang>.properties} (French and English complete, Arabic
 * ready: a key missing in a language falls back to French, then English). Rules return message keys with arguments
 * ({@link ma.forsa.common.rules.Violation}); each path renders them in its caller's language.
 */
public final class Messages {

    public static final Locale FRENCH = Locale.FRENCH;
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale ARABIC = Locale.forLanguageTag("ar");
    public static final List<Locale> SUPPORTED = List.of(FRENCH, ENGLISH, ARABIC);

    private static final ResourceBundle.Control CONTROL = new ResourceBundle.Control() {
        @Override
        public List<String> getFormats(String baseName) {
            return FORMAT_PROPERTIES;
        }

        @Override
        public Locale getFallbackLocale(String baseName, Locale locale) {
            return null;
        }

        @Override
        public List<Locale> getCandidateLocales(String baseName, Locale locale) {
            return List.of(Locale.forLanguageTag(locale.getLanguage()), Locale.ROOT);
        }
    };

    private Messages() {
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("i18n.messages", locale, Messages.class.getClassLoader(), CONTROL);
    }

    /** The message of {@code key} in {@code locale} (falling back to French, then English) with its arguments. */
    public static String text(Locale locale, String key, Object... args) {
        for (Locale l : List.of(locale, FRENCH, ENGLISH)) {
            try {
                String pattern = bundle(l).getString(key);
                return new MessageFormat(pattern, l).format(plain(args, locale));
            } catch (MissingResourceException e) {
                // next language
            }
        }
        throw new IllegalStateException("No message for key " + key);
    }

    /** Dates as the language writes them (14/03/2010 in French, 2010-03-14 otherwise), numbers without grouping. */
    private static Object[] plain(Object[] args, Locale locale) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof java.time.LocalDate d) {
                out[i] = locale.getLanguage().equals("fr") ? d.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/uuuu"))
                        : d.toString();
            } else if (a instanceof Enum<?> e) {
                out[i] = label(locale, e);
            } else if (a instanceof Number) {
                out[i] = String.valueOf(a);
            } else {
                out[i] = a;
            }
        }
        return out;
    }

    /** The label of an enum value in a language ({@code enum.<Type>.<VALUE>}), or its name when the catalogue has none. */
    public static String label(Locale locale, Enum<?> value) {
        String key = "enum." + value.getDeclaringClass().getSimpleName() + "." + value.name();
        for (Locale l : List.of(locale, FRENCH, ENGLISH)) {
            try {
                return bundle(l).getString(key);
            } catch (MissingResourceException e) {
                // next language
            }
        }
        return value.name();
    }

    /** The label of value {@code value} of the enum named {@code type} ({@code enum.<type>.<value>}), or the value itself. */
    public static String label(Locale locale, String type, String value) {
        String key = "enum." + type + "." + value;
        for (Locale l : List.of(locale, FRENCH, ENGLISH)) {
            try {
                return bundle(l).getString(key);
            } catch (MissingResourceException e) {
                // next language
            }
        }
        return value;
    }

    /** Whether the catalogue of {@code locale} itself (no fallback) has {@code key}. */
    public static boolean has(Locale locale, String key) {
        try {
            return bundle(locale).keySet().contains(key) && bundle(locale).getLocale().getLanguage().equals(locale.getLanguage());
        } catch (MissingResourceException e) {
            return false;
        }
    }

    /** The supported language closest to an {@code Accept-Language} header, or {@code fallback}. */
    public static Locale negotiate(String acceptLanguage, Locale fallback) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 200) {
            return fallback;
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
            Locale best = Locale.lookup(ranges, SUPPORTED);
            return best == null ? fallback : best;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
