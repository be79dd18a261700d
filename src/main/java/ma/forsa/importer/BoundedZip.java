package ma.forsa.importer;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A workbook's zip archive, read within the {@link ImportLimits}. Opening it checks the sizes the central
 * directory declares for every entry; reading an entry counts the bytes actually inflated (the declared
 * sizes are the attacker's word) and refuses as soon as the entry passes
 * {@link ImportLimits#maxEntrySize()} or {@link ImportLimits#maxCompressionRatio()}. Nothing is inflated
 * into memory: entries are read as streams, a buffer at a time.
 * <p>
 * The XML of every entry is also held to a bounded token size: more than {@link #maxMarkupRun} bytes without
 * a {@code <} (one tag and the text after it) is refused, so that the XML parser never buffers a huge
 * attribute, name or text node, whatever its own buffering policy.
 */
final class BoundedZip implements Closeable {

    /** Parts of a workbook (a spreadsheet writes about 10 to 20, a few hundred with pictures). */
    static final int MAX_ENTRIES = 10_000;
    /** The compression ratio is checked once an entry has inflated past this size: small parts compress well. */
    static final long RATIO_GRACE = 1 << 20;

    private final ZipFile zip;
    private final long fileSize;
    private final long maxEntrySize;
    private final int maxRatio;
    private final int maxMarkupRun;
    private final int maxCellLength;

    private BoundedZip(ZipFile zip, long fileSize, ImportLimits limits) {
        this.zip = zip;
        this.fileSize = fileSize;
        this.maxEntrySize = limits.maxEntrySize().asLongValue();
        this.maxRatio = limits.maxCompressionRatio();
        this.maxCellLength = limits.maxCellLength();
        // A cell of maxCellLength characters, each written as an entity such as &quot; (6 bytes) or as 4 UTF-8
        // bytes, plus its tags.
        this.maxMarkupRun = (int) Math.min(Integer.MAX_VALUE, 8L * limits.maxCellLength() + 65_536);
    }

    static BoundedZip open(Path file, ImportLimits limits) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw Refusals.unreadableWorkbook();
        }
        BoundedZip bounded = new BoundedZip(zip, Files.size(file), limits);
        try {
            bounded.checkCentralDirectory();
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
        return bounded;
    }

    private void checkCentralDirectory() {
        int n = 0;
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
            ZipEntry entry = entries.nextElement();
            if (++n > MAX_ENTRIES) {
                throw Refusals.unreadableWorkbook();
            }
            check(entry.getSize(), entry.getCompressedSize());
        }
    }

    private void check(long inflated, long compressed) {
        if (inflated > RATIO_GRACE && inflated > (long) maxRatio * Math.max(1, ratioBase(compressed))) {
            throw Refusals.zipBomb(maxRatio);
        }
        if (inflated > maxEntrySize) {
            throw Refusals.entryTooLarge(maxEntrySize);
        }
    }

    /** What an entry really compresses to cannot exceed the file: a declared compressed size is not trusted either. */
    private long ratioBase(long compressed) {
        return compressed < 0 ? fileSize : Math.min(compressed, fileSize);
    }

    /** The entry of this name (case-insensitive, without a leading slash), or null. */
    Part part(String name) throws IOException {
        String n = name.startsWith("/") ? name.substring(1) : name;
        ZipEntry entry = zip.getEntry(n);
        if (entry == null) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry e = entries.nextElement();
                if (e.getName().equalsIgnoreCase(n)) {
                    entry = e;
                    break;
                }
            }
        }
        if (entry == null || entry.isDirectory()) {
            return null;
        }
        return new Part(zip.getInputStream(entry), ratioBase(entry.getCompressedSize()));
    }

    int maxCellLength() {
        return maxCellLength;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /**
     * One entry as it inflates. A refusal is thrown from read() and also kept: an XML parser may wrap it in
     * an exception of its own, see {@link #refusal()}.
     */
    final class Part extends FilterInputStream {
        private final long compressed;
        private long inflated;
        private int run;
        private ImportRefused refusal;

        private Part(InputStream in, long compressed) {
            super(in);
            this.compressed = compressed;
        }

        ImportRefused refusal() {
            return refusal;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (refusal != null) {
                throw refusal;
            }
            int n = super.read(b, off, len);
            if (n <= 0) {
                return n;
            }
            inflated += n;
            try {
                if (inflated > RATIO_GRACE && inflated > (long) maxRatio * Math.max(1, compressed)) {
                    throw Refusals.zipBomb(maxRatio);
                }
                if (inflated > maxEntrySize) {
                    throw Refusals.entryTooLarge(maxEntrySize);
                }
                for (int i = off; i < off + n; i++) {
                    if (b[i] == '<') {
                        run = 0;
                    } else if (++run > maxMarkupRun) {
                        throw Refusals.textTooLong(maxCellLength);
                    }
                }
            } catch (ImportRefused e) {
                refusal = e;
                throw e;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
