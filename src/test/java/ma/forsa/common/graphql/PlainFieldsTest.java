package ma.forsa.common.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Field fetching made cheap: every plain field of the schema is read by {@link PlainFields} (no per-field context
 * built), every resolver keeps its own fetcher, no field visibility patterns are matched ({@link SchemaHooks}). The
 * values themselves are asserted by the API tests of each feature (dates, amounts, lists, enums).
 */
@QuarkusTest
class PlainFieldsTest {

    @Inject
    GraphQLSchema schema;

    private DataFetcher<?> fetcher(String type, String field) {
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, field),
                schema.getObjectType(type).getFieldDefinition(field));
    }

    @Test
    void plainFieldsOfEveryKindAreReadByThePlainFetcher() {
        for (List<String> f : List.of(List.of("Agreement", "reference"), List.of("Agreement", "signedOn"),
                List.of("Agreement", "budget"), List.of("Agreement", "status"), List.of("AgreementConnection", "edges"),
                List.of("AgreementConnection", "totalCount"), List.of("PageInfo", "hasNextPage"))) {
            assertInstanceOf(PlainFields.Plain.class, fetcher(f.get(0), f.get(1)), f.toString());
        }
    }

    @Test
    void plainFieldsOfEveryKindAreCompletedByTheShortWay() {
        // LeanExecution completes these itself: their value needs no fetching environment
        List<String> notSame = new java.util.ArrayList<>();
        for (List<String> f : List.of(List.of("StatsRow", "keys"), List.of("StatsRow", "enrolled"), List.of("StatsRow", "integrationRate"),
                List.of("StatsRow", "suppressed"), List.of("StatsKey", "dimension"), List.of("StatsKey", "value"),
                List.of("Agreement", "budget"), List.of("Agreement", "status"), List.of("Agreement", "signedOn"),
                List.of("Agreement", "targetBeneficiaries"), List.of("Agreement", "targetIntegrationRate"), List.of("Agreement", "version"),
                List.of("AgreementConnection", "edges"), List.of("AgreementConnection", "totalCount"), List.of("AgreementEdge", "node"),
                List.of("PageInfo", "hasNextPage"), List.of("Center", "capacity"), List.of("Tranche", "amount"), List.of("Tranche", "dueOn"),
                List.of("Enrollment", "strands"), List.of("Learner", "birthDate"), List.of("Learner", "disability"))) {
            if (!(fetcher(f.get(0), f.get(1)) instanceof PlainFields.Plain<?> p) || !p.environmentFree()) {
                notSame.add(f.toString());
            }
        }
        assertEquals(List.of(), notSame);
    }

    @Test
    void resolversKeepTheirOwnFetchers() {
        for (List<String> f : List.of(List.of("Query", "agreements"), List.of("Agreement", "association"),
                List.of("Agreement", "progress"))) {
            assertFalse(fetcher(f.get(0), f.get(1)) instanceof PlainFields.Plain, f.toString());
        }
    }

    @Test
    void resolversAreHandedAnEnvironmentWhoseWholeSelectionSmallRyeDoesNotRender() throws Exception {
        for (List<String> f : List.of(List.of("Query", "agreements"), List.of("Query", "statistics"), List.of("Query", "learner"),
                List.of("Mutation", "enroll"))) {
            DataFetcher<?> fetcher = fetcher(f.get(0), f.get(1));
            assertInstanceOf(LeanEnvironment.Fetcher.class, fetcher, f.toString());
        }
        // the lean selection answers every question but the unpatterned getFields() (what SmallRye renders)
        List<graphql.schema.SelectedField> some = java.util.Collections.singletonList(null);
        graphql.schema.DataFetchingFieldSelectionSet real = new graphql.schema.DataFetchingFieldSelectionSet() {
            public boolean contains(String p) { return p.equals("totalCount"); }
            public boolean containsAnyOf(String p, String... ps) { return contains(p); }
            public boolean containsAllOf(String p, String... ps) { return contains(p); }
            public List<graphql.schema.SelectedField> getFields() { return some; }
            public List<graphql.schema.SelectedField> getImmediateFields() { return some; }
            public List<graphql.schema.SelectedField> getFields(String p, String... ps) { return p.equals("edges/node/*") ? some : List.of(); }
            public java.util.Map<String, List<graphql.schema.SelectedField>> getFieldsGroupedByResultKey() { return java.util.Map.of(); }
            public java.util.Map<String, List<graphql.schema.SelectedField>> getFieldsGroupedByResultKey(String p, String... ps) {
                return java.util.Map.of();
            }
        };
        graphql.schema.DataFetchingEnvironment env = graphql.schema.DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
                .selectionSet(real).build();
        graphql.schema.DataFetchingEnvironment lean = LeanEnvironment.of(env);
        assertSame(lean, LeanEnvironment.of(lean));
        assertEquals(List.of(), lean.getSelectionSet().getFields());
        assertSame(some, lean.getSelectionSet().getFields("edges/node/*"));
        assertSame(some, lean.getSelectionSet().getImmediateFields());
        assertTrue(lean.getSelectionSet().contains("totalCount"));
        assertFalse(lean.getSelectionSet().contains("edges"));
    }

    @Test
    void onlyFieldsSmallRyeWouldTransformGoThroughItsTransformation() {
        assertEquals(List.of(false, true, true), List.of(
                transforms("Agreement", "reference"), transforms("Agreement", "signedOn"), transforms("AgreementConnection", "edges")));
    }

    @Test
    void batchedFieldsJoinTheirBatchWithoutAPerParentContext() {
        for (List<String> f : List.of(List.of("Agreement", "association"), List.of("Learner", "enrollments"),
                List.of("Enrollment", "center"), List.of("Enrollment", "outcomes"))) {
            assertInstanceOf(LeanBatchFetcher.class, fetcher(f.get(0), f.get(1)), f.toString());
        }
    }

    @Test
    void everyFieldIsVisibleWithoutPatternsToMatch() {
        assertSame(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY, schema.getCodeRegistry().getFieldVisibility());
    }

    private boolean transforms(String type, String field) {
        DataFetcher<?> f = fetcher(type, field);
        assertTrue(f instanceof PlainFields.Plain<?>, type + "." + field);
        return ((PlainFields.Plain<?>) f).transforms();
    }
}
