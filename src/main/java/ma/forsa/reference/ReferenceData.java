package ma.forsa.reference;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;

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

    private final Db db;
    private volatile Snapshot cached;

    @Inject
    public ReferenceData(Db db) {
        this.db = db;
    }

    public Uni<Snapshot> get() {
        Snapshot snapshot = cached;
        if (snapshot != null) {
            return Uni.createFrom().item(snapshot);
        }
        return load(db).invoke(loaded -> cached = loaded);
    }

    private static Uni<Snapshot> load(Db db) {
        Uni<List<Academy>> academies = db.list(Sql.of("SELECT code, name, name_ar FROM academy ORDER BY code"),
                r -> new Academy(r.string("code"), r.string("name"), r.string("name_ar")));
        Uni<List<Province>> provinces = db.list(Sql.of("SELECT code, name, name_ar, academy_code FROM province ORDER BY code"),
                r -> new Province(r.string("code"), r.string("name"), r.string("name_ar"), r.string("academy_code")));
        return Uni.combine().all().unis(academies, provinces).asTuple().map(t -> {
            Map<String, Academy> a = new LinkedHashMap<>();
            t.getItem1().forEach(x -> a.put(x.code(), x));
            Map<String, Province> p = new LinkedHashMap<>();
            t.getItem2().forEach(x -> p.put(x.code(), x));
            return new Snapshot(a, p);
        });
    }
}
