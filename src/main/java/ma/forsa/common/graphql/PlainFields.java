package ma.forsa.common.graphql;

import java.lang.reflect.Method;

import graphql.GraphQLException;
import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.ClassloadingService;
import io.smallrye.graphql.spi.DataFetcherService;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;

/**
 * The data fetcher of every plain field of an output type (a record component or getter, not a resolver): reads the
 * value from its source object and nothing else. A ServiceLoader {@link DataFetcherService} (META-INF/services);
 * resolvers (operations, {@code @Source} fields) keep Quarkus' own fetchers.
 * <p>
 * SmallRye's own field fetcher builds a whole per-field context before reading the value — a clone of the request's
 * context with the field's selection rendered twice as JSON — which no plain accessor reads (resolvers build their
 * own when they run): 31 % of the service's CPU on a page of 20 agreements, 34 % on the statistics table
 * ({@code ../shared/bench/postgraphile}, {@code profile-forsa.sh}). Values go through SmallRye's transformation only
 * for the fields where it can change something (a scalar mapped from another Java class, a list, a map, an
 * adapter), as SmallRye's fetcher does.
 */
public class PlainFields implements DataFetcherService {

    @Override
    public Integer getPriority() {
        return Integer.MAX_VALUE; // after Quarkus' service, which leaves plain fields alone
    }

    @Override
    @SuppressWarnings("rawtypes")
    public PlugableDataFetcher getFieldDataFetcher(Field field, Type type, Reference owner) {
        return new Plain<>(field, owner);
    }

    /** Whether SmallRye's transformation or adaptation can change this field's value. */
    static boolean transforms(Field field) {
        Reference r = field.getReference();
        return field.hasWrapper() || field.isAdaptingWith() || field.isAdaptingTo() || r.isAdaptingWith() || r.isAdaptingTo()
                || r.getType() == ReferenceType.SCALAR && !r.getClassName().equals(r.getGraphQLClassName());
    }

    /**
     * Whether {@link Plain#value} gives the value {@link Plain#get} gives without a fetching environment: the field has
     * no adapter (which may read the environment) and is not a map or an optional (SmallRye's map adapter reads the
     * field's arguments); a list, an array, a date formatted by its transformer are fine. {@link LeanExecution}
     * completes such fields itself.
     */
    static boolean environmentFree(Field field) {
        Reference r = field.getReference();
        if (field.isAdaptingWith() || field.isAdaptingTo() || r.isAdaptingWith() || r.isAdaptingTo()) {
            return false;
        }
        for (io.smallrye.graphql.schema.model.Wrapper w = field.getWrapper(); w != null; w = w.getWrapper()) {
            if (!(w.isCollection() || w.isArray()) || w.isMap() || w.isOptional()) {
                return false;
            }
        }
        return true;
    }

    static final class Plain<T> implements PlugableDataFetcher<T>, TrivialDataFetcher<T> {
        private final Field field;
        private final Reference owner;
        private final FieldHelper helper;
        private final boolean transforms;
        private final boolean environmentFree;
        private volatile Accessor accessor;

        Plain(Field field, Reference owner) {
            this.field = field;
            this.owner = owner;
            this.transforms = PlainFields.transforms(field);
            this.environmentFree = PlainFields.environmentFree(field);
            this.helper = transforms ? new FieldHelper(field) : null;
        }

        boolean transforms() {
            return transforms;
        }

        /** See {@link PlainFields#environmentFree}. */
        boolean environmentFree() {
            return environmentFree;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(DataFetchingEnvironment dfe) throws Exception {
            return (T) value(dfe.getSource(), dfe);
        }

        /**
         * The field's value on {@code source} as graphql-java gets it; {@code dfe} may be {@code null} for a field that
         * is {@link #environmentFree()}.
         */
        Object value(Object source, DataFetchingEnvironment dfe) throws Exception {
            Object value = read(source);
            if (!transforms) {
                return value;
            }
            try {
                return helper.transformOrAdaptResponse(value, dfe);
            } catch (AbstractDataFetcherException e) {
                return value; // as SmallRye's fetcher: the untransformed value
            }
        }

        /** The field's value on {@code source}, untransformed. */
        private Object read(Object source) throws Exception {
            Accessor a = accessor;
            if (a == null) {
                a = accessor = accessor();
            }
            return a.get(source);
        }

        private Accessor accessor() {
            try {
                Class<?> c = ClassloadingService.get().loadClass(owner.getClassName());
                if (field.getMethodName() == null) {
                    java.lang.reflect.Field f = c.getField(field.getPropertyName());
                    return f::get;
                }
                Method m = c.getMethod(field.getMethodName());
                try {
                    m.setAccessible(true); // a public accessor: no access check on every read (1 % of a page's CPU)
                } catch (RuntimeException e) {
                    // a class of a named module: checked on every read, as before
                }
                return m::invoke; // an exception of the accessor reaches graphql-java as with SmallRye's fetcher
            } catch (ReflectiveOperationException e) {
                throw new GraphQLException(e);
            }
        }
    }

    @FunctionalInterface
    interface Accessor {
        Object get(Object source) throws Exception;
    }
}
