package ma.forsa.stats;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import jakarta.inject.Inject;

/**
 * The age bands of the AGE_BAND dimension (age on the enrollment date), from
 * {@code forsa.stats.age-bands}, e.g. {@code 13-15,16-18,19-22}. Ages in no band show as {@code OTHER}.
 */
@ApplicationScoped
public class AgeBands {

    record Band(int from, int to) {
        String label() {
            return from + "-" + to;
        }
    }

    private final List<Band> bands = new ArrayList<>();

    @Inject
    public AgeBands(StatsConfig config) {
        this(config.ageBands());
    }

    AgeBands(String spec) {
        for (String part : spec.split(",")) {
            String[] bounds = part.trim().split("-");
            if (bounds.length != 2) {
                throw new IllegalArgumentException("forsa.stats.age-bands: '" + part + "' is not of the form 13-15");
            }
            int from = Integer.parseInt(bounds[0].trim());
            int to = Integer.parseInt(bounds[1].trim());
            if (to < from) {
                throw new IllegalArgumentException("forsa.stats.age-bands: '" + part + "' ends before it starts");
            }
            bands.add(new Band(from, to));
        }
    }

    /** A SQL CASE expression giving the band label of the integer age expression (bounds are config integers). */
    public String sql(String ageExpression) {
        StringBuilder sql = new StringBuilder("(CASE");
        for (Band b : bands) {
            sql.append(" WHEN ").append(ageExpression).append(" BETWEEN ").append(b.from()).append(" AND ").append(b.to())
                    .append(" THEN '").append(b.label()).append("'");
        }
        return sql.append(" ELSE 'OTHER' END)").toString();
    }
}
