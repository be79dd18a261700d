package ma.forsa.importer;

import static ma.forsa.importer.ImportFiles.csv;
import static ma.forsa.importer.ImportFiles.row;
import static ma.forsa.importer.ImportFiles.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import ma.forsa.learner.RegistryFixtures;
import ma.forsa.stats.StatsRecount;
import ma.forsa.support.Tokens;

/**
 * An import writes each chunk with a few multi-row statements, and the statement-level statistics triggers keep the
 * facts and summary cells exact: after an import (new learners, links to known ones, ended enrollments with outcomes,
 * rejected rows), and after the same file sent again, they equal a recount from the source tables.
 */
@QuarkusTest
class ImportStatisticsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void statisticsAfterAnImportEqualARecount() throws Exception {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        UUID association = fx.association("MAR");
        String staff = Tokens.associationStaff(association);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID center = fx.center(association, i == 2 ? "RAB" : "MAR", 100);
            codes.add((String) fx.query("SELECT code FROM center WHERE id = ?", center).get(0).get("code"));
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Map<String, String> r = row(codes.get(i % 3));
            r.put("Sexe", i % 2 == 0 ? "F" : "M");
            r.put("Date de naissance", (2006 + i % 6) + "-0" + (1 + i % 9) + "-1" + (i % 10));
            if (i % 3 == 0) {
                r.put("Code MASSAR", RegistryFixtures.massar());
            }
            if (i % 4 == 1) {
                r.put("Statut", i % 8 == 1 ? "TERMINE" : "ABANDON");
                r.put("Date de sortie", "2026-06-30");
                r.put("Devenir", i % 8 == 1 ? "FORMATION_PROFESSIONNELLE" : "EMPLOI");
                r.put("Date d'observation", "2026-07-15");
                r.put("Mois de suivi", "0");
            }
            if (i % 20 == 7) {
                r.put("Code du centre", "NOPE-" + i); // rejected: unknown centre
            }
            rows.add(r);
        }
        byte[] file = csv(rows);
        JsonPath first = upload(staff, file, "liste.csv", null).jsonPath();
        assertEquals("COMPLETED", first.getString("status"), first.prettify());
        assertEquals(57, first.getInt("totals.imported"), first.prettify());
        assertEquals(3, first.getInt("totals.rejected"));
        assertEquals(15, first.getInt("totals.outcomesCreated"));
        assertEquals(0, fx.count("SELECT count(*) FROM stats_fact_delta"));
        assertEquals(57, fx.count("SELECT coalesce(sum(enrolled), 0) FROM stats_center_cell WHERE center_id IN "
                + "(SELECT id FROM center WHERE association_id = ?)", association));
        StatsRecount.assertCellsMatchARecount(dataSource);

        JsonPath again = upload(staff, file, "liste.csv", null).jsonPath();
        assertEquals(57, again.getInt("totals.enrollmentsAlreadyPresent"), again.prettify());
        assertEquals(0, again.getInt("totals.enrollmentsCreated"));
        StatsRecount.assertCellsMatchARecount(dataSource);

        // The next school year for the learners with a MASSAR code whose enrollment ended: linked, not created.
        List<Map<String, String>> next = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (i % 3 == 0 && i % 4 == 1 && i % 20 != 7) {
                Map<String, String> r = new java.util.LinkedHashMap<>(rows.get(i));
                List.of("Statut", "Date de sortie", "Devenir", "Date d'observation", "Mois de suivi").forEach(r::remove);
                r.put("Année scolaire", "2026-2027");
                r.put("Date d'inscription", "15/09/2026");
                next.add(r);
            }
        }
        JsonPath linked = upload(staff, csv(next), "suite.csv", null).jsonPath();
        assertEquals(next.size(), linked.getInt("totals.learnersLinked"), linked.prettify());
        assertEquals(next.size(), linked.getInt("totals.enrollmentsCreated"), linked.prettify());
        StatsRecount.assertCellsMatchARecount(dataSource);
        // every enrollment written carries its learner's name order and sex, given by the import for the learners it
        // created, looked up by R__learner_sort_key.sql for those it linked (V188, V190)
        assertEquals(0, fx.count("SELECT count(*) FROM enrollment e JOIN learner l ON l.id = e.learner_id WHERE "
                + "e.center_id IN (SELECT id FROM center WHERE association_id = ?) AND (e.learner_sort_key IS DISTINCT FROM "
                + "CASE WHEN l.anonymised_at IS NULL THEN coalesce(l.name_key, '') END OR e.learner_sex IS DISTINCT FROM "
                + "l.sex)", association));
        assertEquals(57 + next.size(), fx.count("SELECT count(*) FROM enrollment WHERE learner_sex IS NOT NULL AND "
                + "center_id IN (SELECT id FROM center WHERE association_id = ?)", association));
        assertEquals(57 + next.size(), fx.count("SELECT count(*) FROM enrollment WHERE learner_sort_key IS NOT NULL AND "
                + "center_id IN (SELECT id FROM center WHERE association_id = ?)", association));
    }
}
