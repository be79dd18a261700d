package ma.forsa.common.graphql;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import graphql.introspection.Introspection;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLUnmodifiedType;
import graphql.schema.GraphQLTypeUtil;
import ma.forsa.common.paging.PageRequest;

/**
 * What an operation may fetch, computed from the document before anything runs:
 * <ul>
 * <li>a field costs 1 plus what it contains;</li>
 * <li>a connection (a field with a {@code first} argument) multiplies its {@code edges}/{@code nodes} by {@code first}
 * (20 when absent); its {@code pageInfo} and {@code totalCount} count once;</li>
 * <li>any other list multiplies what it contains by {@code listSize} (100, the lists' cap), or by its expected size
 * where the domain keeps it short ({@code forsa.graphql.list-sizes}: a learner's enrollments, an enrollment's outcomes);</li>
 * <li>fragments count where they are spread; {@code @skip}/{@code @include} are ignored (the cost is an upper bound).</li>
 * </ul>
 * Also the depth of nesting and the number of root fields (each alias counts).
 */
public final class QueryCost {

    private static final long CAP = Long.MAX_VALUE / 4;

    public record Result(long cost, int depth, int rootFields) {
    }

    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Object> variables;
    private final int listSize;
    private final Map<String, Integer> listSizes;
    private final int maxDepth;
    private int depth;

    private QueryCost(GraphQLSchema schema, Document document, Map<String, Object> variables, int listSize,
            Map<String, Integer> listSizes, int maxDepth) {
        this.schema = schema;
        this.fragments = new java.util.HashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.putIfAbsent(f.getName(), f));
        this.variables = variables;
        this.listSize = listSize;
        this.listSizes = listSizes;
        this.maxDepth = maxDepth;
    }

    /** The cost, depth and root fields of {@code operation}. Unknown fields count 1 (validation refuses them later). */
    public static Result of(GraphQLSchema schema, Document document, OperationDefinition operation, Map<String, Object> variables,
            int listSize, int maxDepth) {
        return of(schema, document, operation, variables, listSize, Map.of(), maxDepth);
    }

    /** {@code listSizes}: expected sizes of short lists by {@code Type.field}, instead of {@code listSize}. */
    public static Result of(GraphQLSchema schema, Document document, OperationDefinition operation, Map<String, Object> variables,
            int listSize, Map<String, Integer> listSizes, int maxDepth) {
        QueryCost walker = new QueryCost(schema, document, variables, listSize, listSizes, maxDepth);
        GraphQLObjectType root = switch (operation.getOperation()) {
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
            default -> schema.getQueryType();
        };
        int[] roots = { 0 };
        walker.countRoots(operation.getSelectionSet(), roots, new HashSet<>());
        long cost = root == null ? 0 : walker.selections(operation.getSelectionSet(), root, 1, new HashSet<>());
        return new Result(cost, walker.depth, roots[0]);
    }

    private void countRoots(SelectionSet set, int[] roots, Set<String> seen) {
        if (set == null) {
            return;
        }
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field) {
                roots[0]++;
            } else if (s instanceof InlineFragment inline) {
                countRoots(inline.getSelectionSet(), roots, seen);
            } else if (s instanceof FragmentSpread spread && seen.add(spread.getName())) {
                FragmentDefinition def = fragments.get(spread.getName());
                if (def != null) {
                    countRoots(def.getSelectionSet(), roots, seen);
                }
            }
        }
    }

    private long selections(SelectionSet set, GraphQLType parent, int level, Set<String> spreading) {
        if (set == null) {
            return 0;
        }
        long total = 0;
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field field) {
                total = add(total, field(field, parent, level, spreading));
            } else if (s instanceof InlineFragment inline) {
                GraphQLType type = inline.getTypeCondition() == null ? parent
                        : orElse(schema.getType(inline.getTypeCondition().getName()), parent);
                total = add(total, selections(inline.getSelectionSet(), type, level, spreading));
            } else if (s instanceof FragmentSpread spread) {
                FragmentDefinition def = fragments.get(spread.getName());
                if (def != null && spreading.add(spread.getName())) {
                    GraphQLType type = orElse(schema.getType(def.getTypeCondition().getName()), parent);
                    total = add(total, selections(def.getSelectionSet(), type, level, spreading));
                    spreading.remove(spread.getName());
                }
            }
        }
        return total;
    }

    private long field(Field field, GraphQLType parent, int level, Set<String> spreading) {
        depth = Math.max(depth, level);
        if (field.getName().startsWith("__") || !(parent instanceof GraphQLCompositeType composite)) {
            return field.getName().equals("__typename") ? 0 : introspection(field, level, spreading);
        }
        GraphQLFieldDefinition def = composite instanceof GraphQLFieldsContainer container ? container.getFieldDefinition(field.getName())
                : null;
        if (def == null || field.getSelectionSet() == null) {
            return 1;
        }
        if (level > maxDepth) {
            return 1;
        }
        GraphQLType type = GraphQLTypeUtil.unwrapNonNull(def.getType());
        boolean list = type instanceof GraphQLList;
        GraphQLUnmodifiedType inner = GraphQLTypeUtil.unwrapAll(def.getType());
        if (def.getArgument("first") != null) {
            long first = first(field);
            long cost = 1;
            for (Selection<?> s : field.getSelectionSet().getSelections()) {
                long part = s instanceof Field child ? field(child, inner, level + 1, spreading)
                        : selections(new SelectionSet(java.util.List.of(s)), inner, level + 1, spreading);
                boolean paged = s instanceof Field child && (child.getName().equals("edges") || child.getName().equals("nodes"));
                cost = add(cost, paged ? multiply(first, part) : part);
            }
            return cost;
        }
        long children = selections(field.getSelectionSet(), inner, level + 1, spreading);
        boolean pagedByParent = field.getName().equals("edges") || field.getName().equals("nodes");
        int size = listSizes.getOrDefault(composite.getName() + "." + field.getName(), listSize);
        return add(1, list && !pagedByParent ? multiply(size, children) : children);
    }

    /** {@code __schema} and {@code __type}: counted as plain nested objects, bounded by the depth limit. */
    private long introspection(Field field, int level, Set<String> spreading) {
        if (field.getSelectionSet() == null || level > maxDepth) {
            return 1;
        }
        GraphQLType type = field.getName().equals("__schema") ? Introspection.__Schema
                : field.getName().equals("__type") ? Introspection.__Type : null;
        return add(1, multiply(type == null ? 1 : 10, selections(field.getSelectionSet(), type, level + 1, spreading)));
    }

    private long first(Field field) {
        for (Argument a : field.getArguments()) {
            if (a.getName().equals("first")) {
                Object value = a.getValue() instanceof IntValue i ? i.getValue()
                        : a.getValue() instanceof VariableReference v ? variables.get(v.getName()) : null;
                if (value instanceof Number n) {
                    return Math.max(1, Math.min(n.longValue(), PageRequest.MAX_FIRST));
                }
            }
        }
        return PageRequest.DEFAULT_FIRST;
    }

    private static GraphQLType orElse(GraphQLType type, GraphQLType fallback) {
        return type == null ? fallback : type;
    }

    private static long add(long a, long b) {
        return Math.min(CAP, a + b);
    }

    private static long multiply(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > CAP / b ? CAP : Math.min(CAP, a * b);
    }

}
