package ma.forsa.importer;

import java.math.BigInteger;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;

/**
 * forsa.import.limits.* (a group of {@link ImportConfig}): what an import file may contain. A file over any of them is refused as a whole
 * ({@link ImportRefused}) while it is read, before it costs more memory or time; see {@link SheetReader}.
 * The memory an import may take is bounded by these values, not by the file: about
 * 2 x {@link #maxSharedStringsLength()} + 4 x {@link #maxSharedStrings()} bytes for an XLSX workbook's
 * shared strings, plus one line of at most {@link #maxColumns()} cells.
 */
public interface ImportLimits {

    /** Lines of data (blank lines and the header line not counted). */
    @WithDefault("100000")
    int maxRows();

    /** Columns holding a value; empty cells further right are ignored. */
    @WithDefault("64")
    int maxColumns();

    /** Characters in one cell (and in one shared string of a workbook). */
    @WithDefault("10000")
    int maxCellLength();

    /** Characters in one CSV line (a record, separators and quotes included). */
    @WithDefault("100000")
    int maxLineLength();

    /** Entries of a workbook's shared-strings table (every distinct text of the workbook). */
    @WithDefault("1000000")
    int maxSharedStrings();

    /** Characters of all the shared strings of a workbook together. */
    @WithDefault("16000000")
    int maxSharedStringsLength();

    /** Inflated size of any one part (zip entry) of a workbook, e.g. its first sheet. */
    @WithDefault("256M")
    MemorySize maxEntrySize();

    /** Inflated size / compressed size of any part of a workbook larger than 1 MiB once inflated. */
    @WithDefault("100")
    int maxCompressionRatio();

    /** The values above, for code that runs without Quarkus (unit tests, tools). */
    static ImportLimits defaults() {
        return new Values(100_000, 64, 10_000, 100_000, 1_000_000, 16_000_000, new MemorySize(BigInteger.valueOf(256L << 20)),
                100);
    }

    /** Fixed limits. */
    record Values(int maxRows, int maxColumns, int maxCellLength, int maxLineLength, int maxSharedStrings,
            int maxSharedStringsLength, MemorySize maxEntrySize, int maxCompressionRatio) implements ImportLimits {
    }
}
