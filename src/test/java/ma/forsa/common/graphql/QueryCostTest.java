package ma.forsa.common.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

/** The cost model on a small schema: connections multiply by first, other lists by the cap, aliases add up. */
class QueryCostTest {

    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
            type Query { learners(first: Int, after: String): LearnerConnection! academies: [Academy!]! me: Viewer! }
            type Viewer { subject: String! }
            type Academy { code: ID! provinces: [Province!]! }
            type Province { code: ID! }
            type LearnerConnection { edges: [LearnerEdge!]! pageInfo: PageInfo! totalCount: Int! }
            type LearnerEdge { cursor: String! node: Learner! }
            type PageInfo { hasNextPage: Boolean! endCursor: String }
            type Learner { id: ID! enrollments: [Enrollment!]! }
            type Enrollment { id: ID! center: Center! }
            type Center { id: ID! enrollments(first: Int): EnrollmentConnection! }
            type EnrollmentConnection { edges: [EnrollmentEdge!]! totalCount: Int! }
            type EnrollmentEdge { node: Enrollment! }
            """), RuntimeWiring.MOCKED_WIRING);

    private static QueryCost.Result cost(String query, Map<String, Object> variables) {
        Document document = Parser.parse(query);
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).get(0);
        return QueryCost.of(SCHEMA, document, operation, variables, 100, 15);
    }

    @Test
    void scalarsCountOneAndObjectsAddWhatTheyHold() {
        assertEquals(2, cost("{ me { subject } }", Map.of()).cost());
        assertEquals(1, cost("{ me { subject } }", Map.of()).rootFields());
    }

    @Test
    void connectionsMultiplyTheirEdgesByFirstAndCountPageInfoOnce() {
        // learners: 1 + 10 x edges(1 + node(1 + id 1)) + pageInfo(1 + 1) + totalCount 1
        assertEquals(1 + 10 * 3 + 2 + 1, cost("{ learners(first: 10) { edges { node { id } } pageInfo { hasNextPage } totalCount } }",
                Map.of()).cost());
        assertEquals(1 + 10 * 3, cost("query($n: Int) { learners(first: $n) { edges { node { id } } } }", Map.of("n", 10)).cost());
        assertEquals(1 + 20 * 3, cost("{ learners { edges { node { id } } } }", Map.of()).cost(), "first defaults to 20");
    }

    @Test
    void otherListsMultiplyByTheCapAndNestedListsCompound() {
        assertEquals(1 + 100 * (1 + 1 + 100 * 1), cost("{ academies { code provinces { code } } }", Map.of()).cost());
        long nested = cost("{ learners(first: 100) { edges { node { enrollments { center { enrollments(first: 100) { edges { node { id } } } } } } } } }",
                Map.of()).cost();
        assertTrue(nested > 100L * 100 * 100, "100 learners x 100 enrollments x 100 enrollments: " + nested);
    }

    @Test
    void listsTheDomainKeepsShortCountTheirExpectedSize() {
        Document document = Parser.parse("{ learners(first: 10) { edges { node { enrollments { id } } } } }");
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).get(0);
        long cost = QueryCost.of(SCHEMA, document, operation, Map.of(), 100, Map.of("Learner.enrollments", 5), 15).cost();
        assertEquals(1 + 10 * (1 + 1 + (1 + 5 * 1)), cost);
    }

    @Test
    void aliasesAndFragmentsCountWhereTheyAreUsed() {
        QueryCost.Result r = cost("{ a: me { ...f } b: me { ...f } c: me { subject } } fragment f on Viewer { subject }", Map.of());
        assertEquals(3, r.rootFields());
        assertEquals(6, r.cost());
        assertEquals(2, r.depth());
    }

    @Test
    void fragmentCyclesDoNotLoop() {
        QueryCost.Result r = cost("{ me { ...a } } fragment a on Viewer { ...b subject } fragment b on Viewer { ...a }", Map.of());
        assertEquals(2, r.cost());
    }
}
