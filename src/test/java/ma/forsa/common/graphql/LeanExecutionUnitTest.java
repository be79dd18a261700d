package ma.forsa.common.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.ReferenceType;

/**
 * {@link LeanExecution} without the service: record components read by {@link PlainFields} fetchers, and what
 * graphql-java reports when a value does not fit its type (a null where the type says non-null, a value a scalar
 * refuses) is reported the same way, with the same data, paths and messages, whichever way is taken.
 */
class LeanExecutionUnitTest {

    public enum Kind { SCHOOL, WORK }

    public record Tag(String label) {
    }

    public record Row(String name, Kind kind, Object n, List<String> words, List<Tag> tags) {
    }

    static final String SDL = """
            type Query { rows: [Row!]! maybe: [Row] one: Row }
            enum Kind { SCHOOL WORK }
            type Tag { label: String! }
            type Row { name: String! kind: Kind n: Int words: [String!]! tags: [Tag!] }
            """;

    private static Field field(String name, String className, ReferenceType type) {
        return new Field(name, name, name, new Reference.Builder().className(className).graphQLClassName(className).name(name)
                .type(type).build());
    }

    private static Reference owner(Class<?> c) {
        return new Reference.Builder().className(c.getName()).graphQLClassName(c.getName()).name(c.getSimpleName())
                .type(ReferenceType.TYPE).build();
    }

    private static GraphQL graphQL(List<Row> rows, boolean lean) {
        DataFetcher<Object> all = env -> rows;
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", b -> b.dataFetcher("rows", all).dataFetcher("maybe", all).dataFetcher("one", env -> rows.get(0)))
                .type("Row", b -> b.dataFetcher("name", new PlainFields.Plain<>(field("name", "java.lang.String", ReferenceType.SCALAR), owner(Row.class)))
                        .dataFetcher("kind", new PlainFields.Plain<>(field("kind", Kind.class.getName(), ReferenceType.ENUM), owner(Row.class)))
                        .dataFetcher("n", new PlainFields.Plain<>(field("n", "java.lang.Object", ReferenceType.SCALAR), owner(Row.class)))
                        .dataFetcher("words", new PlainFields.Plain<>(field("words", "java.lang.String", ReferenceType.SCALAR), owner(Row.class)))
                        .dataFetcher("tags", new PlainFields.Plain<>(field("tags", Tag.class.getName(), ReferenceType.TYPE), owner(Row.class))))
                .type("Tag", b -> b.dataFetcher("label", new PlainFields.Plain<>(field("label", "java.lang.String", ReferenceType.SCALAR), owner(Tag.class))))
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
        return GraphQL.newGraphQL(schema).queryExecutionStrategy(lean
                ? new LeanExecution(new SimpleDataFetcherExceptionHandler(), true)
                : new AsyncExecutionStrategy(new SimpleDataFetcherExceptionHandler())).build();
    }

    private static Map<String, Object> run(List<Row> rows, boolean lean, String document) {
        return graphQL(rows, lean).execute(ExecutionInput.newExecutionInput(document).build()).toSpecification();
    }

    private static final String ALL = "{ rows { name kind n words tags { label __typename } t: __typename } "
            + "maybe { name n } one { kind ...F } } fragment F on Row { words tags { label } }";

    private static void same(List<Row> rows, String document) {
        Map<String, Object> own = run(rows, false, document);
        int before = LeanExecution.shortWays;
        Map<String, Object> lean = run(rows, true, document);
        assertEquals(own.toString(), lean.toString(), document);
        assertTrue(LeanExecution.shortWays > before, "the short way was not tried");
    }

    @Test
    void plainValuesAreAnsweredAsGraphqlJavaAnswersThem() {
        List<Row> rows = List.of(new Row("a \"b\"", Kind.SCHOOL, 7, List.of("x", "y"), List.of(new Tag("t1"), new Tag("t2"))),
                new Row("c", null, null, List.of(), null));
        same(rows, ALL);
        Map<String, Object> data = run(rows, true, ALL);
        assertFalse(data.containsKey("errors"), data.toString());
        assertEquals("{rows=[{name=a \"b\", kind=SCHOOL, n=7, words=[x, y], tags=[{label=t1, __typename=Tag}, {label=t2, __typename=Tag}],"
                + " t=Row}, {name=c, kind=null, n=null, words=[], tags=null, t=Row}], maybe=[{name=a \"b\", n=7}, {name=c, n=null}],"
                + " one={kind=SCHOOL, words=[x, y], tags=[{label=t1}, {label=t2}]}}", data.get("data").toString());
    }

    @Test
    void aNullWhereTheTypeSaysNonNullIsReportedAsGraphqlJavaReportsIt() {
        List<Row> rows = Arrays.asList(new Row("a", Kind.WORK, 1, List.of("x"), List.of(new Tag(null))),
                new Row(null, Kind.SCHOOL, 2, Arrays.asList("y", null), List.of()));
        same(rows, ALL);
        Map<String, Object> lean = run(rows, true, ALL);
        assertTrue(lean.get("errors").toString().contains("NullValueInNonNullableField"), lean.toString());
    }

    @Test
    void aValueTheScalarRefusesIsReportedAsGraphqlJavaReportsIt() {
        List<Row> rows = List.of(new Row("a", Kind.WORK, "not a number", List.of(), List.of()));
        same(rows, ALL);
        Object errors = run(rows, true, ALL).get("errors");
        assertTrue(errors != null && errors.toString().contains("Can't serialize value (/rows[0]/n)"), String.valueOf(errors));
    }
}
