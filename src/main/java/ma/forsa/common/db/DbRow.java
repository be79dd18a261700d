package ma.forsa.common.db;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One result row, read by column name, whichever door of {@link Db} it came through (a Vert.x row from the
 * pool, or a tuple from the transaction's session), so that one mapper serves both.
 */
public interface DbRow {

    /** The raw value of a column (null for SQL NULL). */
    Object value(String column);

    default String string(String column) {
        Object v = value(column);
        return v == null ? null : v.toString();
    }

    default UUID uuid(String column) {
        Object v = value(column);
        return v == null ? null : v instanceof UUID u ? u : UUID.fromString(v.toString());
    }

    default Integer integer(String column) {
        Object v = value(column);
        return v == null ? null : ((Number) v).intValue();
    }

    /** A count or other non-null integer (0 for NULL). */
    default int count(String column) {
        Integer v = integer(column);
        return v == null ? 0 : v;
    }

    default Long longValue(String column) {
        Object v = value(column);
        return v == null ? null : ((Number) v).longValue();
    }

    default Double decimalAsDouble(String column) {
        Object v = value(column);
        return v == null ? null : ((Number) v).doubleValue();
    }

    default BigDecimal decimal(String column) {
        Object v = value(column);
        if (v == null) {
            return null;
        }
        return v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
    }

    default Boolean bool(String column) {
        return (Boolean) value(column);
    }

    default boolean flag(String column) {
        return Boolean.TRUE.equals(value(column));
    }

    default LocalDate date(String column) {
        Object v = value(column);
        if (v == null || v instanceof LocalDate) {
            return (LocalDate) v;
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(v.toString());
    }

    default OffsetDateTime timestamp(String column) {
        Object v = value(column);
        if (v == null || v instanceof OffsetDateTime) {
            return (OffsetDateTime) v;
        }
        if (v instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(v.toString());
    }

    default String[] strings(String column) {
        Object v = value(column);
        if (v == null) {
            return null;
        }
        if (v instanceof String[] s) {
            return s;
        }
        if (v instanceof Object[] a) {
            return Arrays.stream(a).map(x -> x == null ? null : x.toString()).toArray(String[]::new);
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(x -> x == null ? null : x.toString()).toArray(String[]::new);
        }
        if (v instanceof java.sql.Array a) {
            try {
                return Arrays.stream((Object[]) a.getArray()).map(x -> x == null ? null : x.toString()).toArray(String[]::new);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("column " + column + " is not an array");
    }

    /** The same row read through column names that start with {@code prefix} (a joined parent selected as p_id, p_name...). */
    default DbRow prefixed(String prefix) {
        DbRow self = this;
        return new DbRow() {
            @Override
            public Object value(String column) {
                return self.value(prefix + column);
            }

            @Override
            public String[] strings(String column) {
                return self.strings(prefix + column);
            }

            @Override
            public LocalDate date(String column) {
                return self.date(prefix + column);
            }

            @Override
            public OffsetDateTime timestamp(String column) {
                return self.timestamp(prefix + column);
            }
        };
    }

    /**
     * The position of each column of a result, for {@link #of(io.vertx.mutiny.sqlclient.Row, Columns)}: made once per
     * result, not searched again for every value of every row (the client's own look-up by name was 9 % of the service's
     * CPU on a page of learners with their enrollments).
     */
    static Columns columns(List<String> names) {
        Map<String, Integer> positions = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            positions.putIfAbsent(names.get(i), i);
        }
        return new Columns("", positions);
    }

    /** The columns of a result by name, and those of a joined parent without their prefix (see {@link #prefixed}). */
    final class Columns {
        private final String prefix;
        private final Map<String, Integer> positions;
        private Map<String, Columns> under; // one result is read by one thread

        private Columns(String prefix, Map<String, Integer> positions) {
            this.prefix = prefix;
            this.positions = positions;
        }

        /** The columns named {@code prefix...}, by the rest of their name. */
        Columns under(String more) {
            if (under == null) {
                under = new HashMap<>(4);
            }
            return under.computeIfAbsent(more, p -> {
                Map<String, Integer> found = new HashMap<>();
                positions.forEach((name, i) -> {
                    if (name.startsWith(p)) {
                        found.putIfAbsent(name.substring(p.length()), i);
                    }
                });
                return new Columns(prefix + p, found);
            });
        }

        /** The position of {@code column}; the client's error when the result has no such column. */
        int at(String column) {
            Integer i = positions.get(column);
            if (i == null) {
                throw new java.util.NoSuchElementException("Column " + prefix + column + " does not exist");
            }
            return i;
        }
    }

    /** A row of the reactive client, its columns found by {@code known} (its result's {@link #columns}). */
    static DbRow of(io.vertx.mutiny.sqlclient.Row mutiny, Columns known) {
        io.vertx.sqlclient.Row row = mutiny.getDelegate();
        return new DbRow() {
            @Override
            public Object value(String column) {
                return row.getValue(known.at(column));
            }

            @Override
            public String[] strings(String column) {
                return row.getArrayOfStrings(known.at(column));
            }

            @Override
            public LocalDate date(String column) {
                return row.getLocalDate(known.at(column));
            }

            @Override
            public OffsetDateTime timestamp(String column) {
                return row.getOffsetDateTime(known.at(column));
            }

            @Override
            public DbRow prefixed(String prefix) {
                return of(mutiny, known.under(prefix));
            }
        };
    }

    /** A tuple of a native query on the Hibernate Reactive session (columns by alias). */
    static DbRow of(jakarta.persistence.Tuple tuple) {
        return tuple::get;
    }
}
