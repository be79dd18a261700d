package ma.forsa.reference;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Academies and provinces change only through migrations, so they are read once and then served
 * from memory: resolving {@code province} or {@code academy} on any record costs no SQL.
 */
@ApplicationScoped
public class ReferenceData {

    public record Snapshot(Map<String, Academy> academies, Map<String, Province> provinces) {

        public List<Province> provincesOf(String academyCode) {
            return provinces.values().stream().filter(p -> p.academyCode().equals(academyCode)).toList();
        }

        public Optional<Academy> academy(String code) {
            return Optional.ofNullable(code).map(academies::get);
        }

        public Optional<Province> province(String code) {
            return Optional.ofNullable(code).map(provinces::get);
        }

        public Collection<Academy> allAcademies() {
            return academies.values();
        }
    }

    private final Pool pool;
    private volatile Snapshot cached;

    @Inject
    public ReferenceData(Pool pool) {
        this.pool = pool;
    }

    public Uni<Snapshot> get() {
        Snapshot snapshot = cached;
        if (snapshot != null) {
            return Uni.createFrom().item(snapshot);
        }
        return load(pool).invoke(loaded -> cached = loaded);
    }

    private static Uni<Snapshot> load(Pool pool) {
        Uni<Map<String, Academy>> academies = pool.query("SELECT code, name, name_ar FROM academy ORDER BY code").execute()
                .map(rows -> {
                    Map<String, Academy> byCode = new LinkedHashMap<>();
                    for (Row r : rows) {
                        byCode.put(r.getString("code"), new Academy(r.getString("code"), r.getString("name"), r.getString("name_ar")));
                    }
                    return byCode;
                });
        return academies.chain(a -> pool.query("SELECT code, name, name_ar, academy_code FROM province ORDER BY code").execute()
                .map(rows -> {
                    Map<String, Province> byCode = new LinkedHashMap<>();
                    for (Row r : rows) {
                        byCode.put(r.getString("code"), new Province(r.getString("code"), r.getString("name"),
                                r.getString("name_ar"), r.getString("academy_code")));
                    }
                    return new Snapshot(a, byCode);
                }));
    }
}
