package ma.forsa.importer;

import static ma.forsa.importer.ImportFiles.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import ma.forsa.learner.RegistryFixtures;
import ma.forsa.support.Tokens;

/**
 * Through POST /imports: a hostile file is REFUSED (400) with its limit's reason and message, even in a dry run,
 * and nothing is written. The readers' own cases are in {@link HostileFilesTest}.
 */
@QuarkusTest
class HostileImportTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ImportConfig config;

    @Test
    void theLimitsAreTheConfiguredOnes() {
        assertEquals(ImportLimits.defaults(), new ImportLimits.Values(config.limits().maxRows(), config.limits().maxColumns(),
                config.limits().maxCellLength(), config.limits().maxLineLength(), config.limits().maxSharedStrings(), config.limits().maxSharedStringsLength(),
                config.limits().maxEntrySize(), config.limits().maxCompressionRatio()));
    }

    @Test
    void bombsAreRefusedAndNothingIsWritten() throws Exception {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        UUID association = fx.association("MAR");
        String staff = Tokens.associationStaff(association);
        long events = fx.count("SELECT count(*) FROM audit_event WHERE action = 'CREATE'");
        Path dir = Files.createDirectories(HostileFilesTest.DIR);

        Path bomb = dir.resolve("http-shared-string-bomb-100MB.xlsx");
        HostileFiles.sharedStringBomb(bomb, 100L << 20);
        assertRefused(upload(staff, Files.readAllBytes(bomb), "liste.xlsx", "dryRun=true"), "ZIP_BOMB");
        Path lying = dir.resolve("http-shared-string-bomb-100MB-lying-sizes.xlsx");
        HostileFiles.lyingCopy(bomb, lying, "xl/sharedStrings.xml");
        assertRefused(upload(staff, Files.readAllBytes(lying), "liste.xlsx", null), "CELL_TOO_LONG");

        byte[] columns = ("x" + ";x".repeat(100_000) + "\r\n").getBytes(StandardCharsets.UTF_8);
        Response wide = upload(staff, columns, "liste.csv", "dryRun=true");
        assertRefused(wide, "TOO_MANY_COLUMNS");
        assertTrue(wide.jsonPath().getString("message").contains("au plus 64 colonnes"), wide.asString());

        assertEquals(events, fx.count("SELECT count(*) FROM audit_event WHERE action = 'CREATE'"));
    }

    static void assertRefused(Response r, String reason) {
        assertEquals(400, r.statusCode(), r.asString());
        assertEquals("REFUSED", r.jsonPath().getString("status"));
        assertEquals(reason, r.jsonPath().getString("reason"), r.asString());
    }
}
