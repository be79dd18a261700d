package ma.forsa.importer;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** forsa.import.*: the bulk import's settings. */
@ConfigMapping(prefix = "forsa.import")
public interface ImportConfig {

    /** Files larger than this are refused (413) with a clear message; the HTTP limit sits above it. */
    @WithDefault("20M")
    MemorySize maxFileSize();

    /** Rows written per transaction in valid-rows mode. */
    @WithDefault("500")
    int chunkSize();

    /** How long POST /imports waits for the import to finish before answering 202 with its id. */
    @WithDefault("PT10S")
    Duration syncWait();

    /** Imports run at the same time on one replica. */
    @WithDefault("2")
    int workers();

    /** What a file may contain (rows, columns, cells, zip entries). */
    ImportLimits limits();

    /** Secret of the keyed hashes that recognise re-sent rows (any long random text); unset: one kept in the database. */
    Optional<String> keySecret();
}
