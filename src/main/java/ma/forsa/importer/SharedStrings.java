package ma.forsa.importer;

import java.io.IOException;
import java.util.Arrays;

/**
 * A workbook's shared-strings table (xl/sharedStrings.xml: every distinct text of the workbook, that cells
 * refer to by index), read once, within {@link ImportLimits#maxSharedStrings()},
 * {@link ImportLimits#maxSharedStringsLength()} and {@link ImportLimits#maxCellLength()} per string. Held as
 * one array of characters and one of offsets, not as a String per entry: about 2 bytes a character and
 * 4 bytes a string.
 */
final class SharedStrings {

    static final SharedStrings NONE = new SharedStrings();

    private char[] chars = new char[0];
    private int length;
    private int[] ends = new int[0];
    private int count;

    private SharedStrings() {
    }

    static SharedStrings read(BoundedZip zip, String part, ImportLimits limits) throws IOException {
        if (part == null) {
            return NONE;
        }
        SharedStrings table = new SharedStrings();
        try (XmlPart xml = XmlPart.open(zip, part)) {
            if (xml == null) {
                return NONE;
            }
            table.chars = new char[4096];
            table.ends = new int[256];
            while (xml.nextStart("si")) {
                if (table.count >= limits.maxSharedStrings()) {
                    throw Refusals.tooManyStrings(limits.maxSharedStrings());
                }
                table.add(xml.text(true, limits.maxCellLength(), Refusals::textTooLong), limits.maxSharedStringsLength());
            }
        }
        return table;
    }

    private void add(String s, int maxLength) {
        if ((long) length + s.length() > maxLength) {
            throw Refusals.stringsTooLong(maxLength);
        }
        if (length + s.length() > chars.length) {
            chars = Arrays.copyOf(chars, (int) Math.min(maxLength, Math.max(2L * chars.length, length + s.length())));
        }
        s.getChars(0, s.length(), chars, length);
        length += s.length();
        if (count == ends.length) {
            ends = Arrays.copyOf(ends, 2 * ends.length);
        }
        ends[count++] = length;
    }

    int size() {
        return count;
    }

    /** The string at this index, or null if the table has no such entry. */
    String get(int index) {
        if (index < 0 || index >= count) {
            return null;
        }
        int start = index == 0 ? 0 : ends[index - 1];
        return new String(chars, start, ends[index] - start);
    }
}
