package ma.forsa.importer;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import ma.forsa.learner.RegistryFixtures;

/** Builds import files (CSV and XLSX) row by row and uploads them. */
final class ImportFiles {

    static final String[] HEADERS = { "Code MASSAR", "Prénom", "Nom", "Date de naissance", "Sexe", "Code du centre",
            "Année scolaire", "Volets", "Date d'inscription" };

    private ImportFiles() {
    }

    /** A valid row for the centre: unique names, born 2010-05-01, enrolled 2025-09-15 for 2025-2026. */
    static Map<String, String> row(String centerCode) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("Code MASSAR", "");
        r.put("Prénom", "Salma" + RegistryFixtures.letters(6));
        r.put("Nom", "Idrissi" + RegistryFixtures.letters(6));
        r.put("Date de naissance", "2010-05-01");
        r.put("Sexe", "F");
        r.put("Code du centre", centerCode);
        r.put("Année scolaire", "2025-2026");
        r.put("Volets", "EDUCATIF|COMPETENCES_DE_VIE");
        r.put("Date d'inscription", "15/09/2025");
        return r;
    }

    static List<String> headers(List<Map<String, String>> rows) {
        List<String> headers = new ArrayList<>(List.of(HEADERS));
        for (Map<String, String> r : rows) {
            r.keySet().stream().filter(k -> !headers.contains(k)).forEach(headers::add);
        }
        return headers;
    }

    static byte[] csv(List<Map<String, String>> rows, char separator, boolean bom) {
        List<String> headers = headers(rows);
        StringBuilder s = new StringBuilder(bom ? "\uFEFF" : "");
        s.append(String.join(String.valueOf(separator), headers.stream().map(h -> quote(h, separator)).toList())).append("\r\n");
        for (Map<String, String> r : rows) {
            s.append(String.join(String.valueOf(separator),
                    headers.stream().map(h -> quote(r.getOrDefault(h, ""), separator)).toList())).append("\r\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] csv(List<Map<String, String>> rows) {
        return csv(rows, ';', true);
    }

    private static String quote(String v, char separator) {
        return v.indexOf(separator) >= 0 || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** An XLSX workbook; dates of the date columns are written as real Excel dates when they parse as ISO dates. */
    static byte[] xlsx(List<Map<String, String>> rows) throws Exception {
        List<String> headers = headers(rows);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "test", "1.0");
        Worksheet ws = wb.newWorksheet("Apprenants");
        for (int i = 0; i < headers.size(); i++) {
            ws.value(0, i, headers.get(i));
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int i = 0; i < headers.size(); i++) {
                String v = rows.get(r).getOrDefault(headers.get(i), "");
                if (headers.get(i).startsWith("Date") && v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    ws.value(r + 1, i, LocalDate.parse(v));
                    ws.style(r + 1, i).format("dd/mm/yyyy").set();
                } else if (!v.isEmpty()) {
                    ws.value(r + 1, i, v);
                }
            }
        }
        wb.finish();
        return out.toByteArray();
    }

    /**
     * Uploads a file and answers the finished import, whatever the machine's speed: POST /imports answers 202 instead of
     * the report when the import outlives {@code forsa.import.sync-wait} (a busy 2-core machine), so an upload that did
     * not ask for {@code async=true} then waits for the end of the import (its status, polled) and answers that instead.
     * A test of the 202 itself passes {@code async=true}.
     */
    static Response upload(String token, byte[] content, String fileName, String query) {
        RequestSpecification request = given().multiPart("file", fileName, content, "application/octet-stream");
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        Response response = request.when().post("/imports" + (query == null ? "" : "?" + query)).then().extract().response();
        if (response.statusCode() != 202 || (query != null && query.contains("async=true"))) {
            return response;
        }
        return finished(token, response.jsonPath().getString("id"));
    }

    /** The status of an import once it has finished (polled; an import of the tests takes seconds, minutes at worst). */
    static Response finished(String token, String id) {
        AtomicReference<Response> last = new AtomicReference<>();
        Awaitility.await("import " + id + " to finish").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Response status = given().header("Authorization", "Bearer " + token).get("/imports/" + id).then().extract()
                            .response();
                    last.set(status);
                    return !List.of("PENDING", "RUNNING").contains(status.jsonPath().getString("status"));
                });
        return last.get();
    }
}
