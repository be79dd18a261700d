package ma.forsa.common.graphql;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.DelegatingDataFetchingEnvironment;
import graphql.schema.SelectedField;

/**
 * A field's environment as SmallRye's data fetchers receive it from Forsa: the same in every respect but one, its
 * selection's {@link DataFetchingFieldSelectionSet#getFields() getFields()} without a pattern, which is empty.
 * <p>
 * Before it calls a resolver, SmallRye builds the field's context ({@code SmallRyeContextManager
 * .populateFromDataFetchingEnvironment}) and in it renders every field selected under the field, twice, as
 * {@code jakarta.json} arrays ({@code Context.getSelectedFields()} and {@code getSelectedAndSourceFields()}), from that
 * method. For a root field that is the whole document: 7 % of the service's CPU on a page of 20 agreements with their
 * association, centres and tranches. Forsa reads none of those arrays: resolvers ask the selection through
 * {@code Context.unwrap(DataFetchingEnvironment.class)} ({@link Selection}, {@code LearnerSelection}) with a pattern,
 * {@code getImmediateFields()} or {@code contains}, which answer as before. Ask with a pattern ({@code "**"} for every
 * field), never {@code getFields()} alone.
 */
final class LeanEnvironment extends DelegatingDataFetchingEnvironment {

    private final DataFetchingFieldSelectionSet selection;

    LeanEnvironment(DataFetchingEnvironment environment) {
        super(environment);
        this.selection = new Lean(environment);
    }

    /** The field's environment, made lean once (an environment already lean is returned as it is). */
    static DataFetchingEnvironment of(DataFetchingEnvironment environment) {
        return environment instanceof LeanEnvironment ? environment : new LeanEnvironment(environment);
    }

    /** SmallRye's fetcher {@code smallrye}, handed lean environments. */
    static DataFetcher<Object> fetcher(DataFetcher<?> smallrye) {
        return new Fetcher(smallrye);
    }

    @Override
    public DataFetchingFieldSelectionSet getSelectionSet() {
        return selection;
    }

    record Fetcher(DataFetcher<?> smallrye) implements DataFetcher<Object> {
        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return smallrye.get(of(environment));
        }
    }

    /** The selection, computed by graphql-java when first asked (as before); {@code getFields()} empty. */
    private static final class Lean implements DataFetchingFieldSelectionSet {
        private final DataFetchingEnvironment environment;

        Lean(DataFetchingEnvironment environment) {
            this.environment = environment;
        }

        private DataFetchingFieldSelectionSet real() {
            return environment.getSelectionSet();
        }

        @Override
        public boolean contains(String fieldGlobPattern) {
            return real().contains(fieldGlobPattern);
        }

        @Override
        public boolean containsAnyOf(String fieldGlobPattern, String... fieldGlobPatterns) {
            return real().containsAnyOf(fieldGlobPattern, fieldGlobPatterns);
        }

        @Override
        public boolean containsAllOf(String fieldGlobPattern, String... fieldGlobPatterns) {
            return real().containsAllOf(fieldGlobPattern, fieldGlobPatterns);
        }

        @Override
        public List<SelectedField> getFields() {
            return List.of();
        }

        @Override
        public List<SelectedField> getImmediateFields() {
            return real().getImmediateFields();
        }

        @Override
        public List<SelectedField> getFields(String fieldGlobPattern, String... fieldGlobPatterns) {
            return real().getFields(fieldGlobPattern, fieldGlobPatterns);
        }

        @Override
        public Map<String, List<SelectedField>> getFieldsGroupedByResultKey() {
            return real().getFieldsGroupedByResultKey();
        }

        @Override
        public Map<String, List<SelectedField>> getFieldsGroupedByResultKey(String fieldGlobPattern, String... fieldGlobPatterns) {
            return real().getFieldsGroupedByResultKey(fieldGlobPattern, fieldGlobPatterns);
        }
    }
}
