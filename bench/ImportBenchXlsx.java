import java.io.BufferedReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** bench helper: copies a ';' CSV (no quotes) into the first sheet of an XLSX workbook, streaming. */
public class ImportBenchXlsx {
    public static void main(String[] args) throws Exception {
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8);
                OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
            Workbook wb = new Workbook(out, "bench", "1.0");
            Worksheet ws = wb.newWorksheet("Apprenants");
            int r = 0;
            for (String line = in.readLine(); line != null; line = in.readLine(), r++) {
                String[] cells = line.replace("\uFEFF", "").split(";", -1);
                for (int c = 0; c < cells.length; c++) {
                    if (!cells[c].isEmpty()) {
                        ws.value(r, c, cells[c]);
                    }
                }
                if (r % 10_000 == 0) {
                    ws.flush();
                }
            }
            wb.finish();
        }
    }
}
