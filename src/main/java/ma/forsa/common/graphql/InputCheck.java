package ma.forsa.common.graphql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.GraphQLContext;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FloatValue;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import ma.forsa.common.ApiException;

/**
 * Checks the values of an operation — its variables and the literal arguments of its document — against the schema
 * before anything runs, so that a malformed value is refused as VALIDATION with the path of the input field at fault
 * in {@code extensions.field} ("birthDate", "filter.search", "strands.1") and a message that never repeats the value.
 * Dates must be ISO-8601 calendar dates, DateTime ISO-8601 date-times, BigDecimal decimal numbers; text arguments are
 * bounded ({@code search}/{@code text}: {@link GraphQLConfig#maxSearchLength()}, others
 * {@link GraphQLConfig#maxStringLength()}). Other mistakes (unknown fields, wrong structure) are left to GraphQL
 * validation, whose message is rewritten without values by {@link ErrorShapes}.
 */
final class InputCheck {

    private final GraphQLSchema schema;
    private final int maxSearch;
    private final int maxString;
    private Map<String, Object> variables = Map.of();

    InputCheck(GraphQLSchema schema, int maxSearch, int maxString) {
        this.schema = schema;
        this.maxSearch = maxSearch;
        this.maxString = maxString;
    }

    /** The first problem of the operation's values, or null. */
    ApiException check(Document document, OperationDefinition operation, Map<String, Object> variables) {
        this.variables = variables;
        for (VariableDefinition definition : operation.getVariableDefinitions()) {
            GraphQLType type = typeOf(definition.getType());
            if (!(type instanceof GraphQLInputType)) {
                continue;
            }
            if (!variables.containsKey(definition.getName()) && definition.getDefaultValue() != null) {
                continue;
            }
            ApiException problem = value(type, variables.get(definition.getName()), variables.containsKey(definition.getName()),
                    new ArrayList<>(List.of(definition.getName())), definition.getName());
            if (problem != null) {
                return problem;
            }
        }
        GraphQLObjectType root = switch (operation.getOperation()) {
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
            default -> schema.getQueryType();
        };
        Map<String, FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, f -> f, (a, b) -> a));
        return root == null ? null : literals(operation.getSelectionSet(), root, fragments, new HashSet<>(), 0);
    }

    private GraphQLType typeOf(graphql.language.Type<?> ast) {
        if (ast instanceof graphql.language.NonNullType nn) {
            GraphQLType inner = typeOf(nn.getType());
            return inner == null ? null : GraphQLNonNull.nonNull(inner);
        }
        if (ast instanceof graphql.language.ListType list) {
            GraphQLType inner = typeOf(list.getType());
            return inner == null ? null : GraphQLList.list(inner);
        }
        return schema.getType(((graphql.language.TypeName) ast).getName());
    }

    // ------------------------------------------------------------------ variables (JSON values)

    private ApiException value(GraphQLType type, Object value, boolean present, List<Object> path, String name) {
        if (type instanceof GraphQLNonNull nn) {
            if (value == null) {
                return problem(path, present ? "input.nullNotAllowed" : "input.missing");
            }
            return value(nn.getWrappedType(), value, true, path, name);
        }
        if (value == null) {
            return null;
        }
        if (type instanceof GraphQLList list) {
            if (value instanceof List<?> items) {
                for (int i = 0; i < items.size(); i++) {
                    path.add(i);
                    ApiException p = value(list.getWrappedType(), items.get(i), true, path, name);
                    path.remove(path.size() - 1);
                    if (p != null) {
                        return p;
                    }
                }
                return null;
            }
            return value(list.getWrappedType(), value, true, path, name);
        }
        if (type instanceof GraphQLInputObjectType object) {
            if (!(value instanceof Map<?, ?> map)) {
                return problem(path, "input.wrongType", object.getName());
            }
            for (Object key : map.keySet()) {
                if (object.getField(String.valueOf(key)) == null) {
                    List<Object> at = new ArrayList<>(path);
                    at.add(String.valueOf(key));
                    return problem(at, "input.unknownField");
                }
            }
            for (GraphQLInputObjectField field : object.getFields()) {
                if (!map.containsKey(field.getName()) && field.hasSetDefaultValue()) {
                    continue;
                }
                path.add(field.getName());
                ApiException p = value(field.getType(), map.get(field.getName()), map.containsKey(field.getName()), path, field.getName());
                path.remove(path.size() - 1);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        if (type instanceof GraphQLEnumType enumType) {
            if (!(value instanceof String s) || enumType.getValue(s) == null) {
                return problem(path, "input.format", enumType.getName(), oneOf(enumType));
            }
            return null;
        }
        if (type instanceof GraphQLScalarType scalar) {
            return scalar(scalar, value, path, name);
        }
        return null;
    }

    private ApiException scalar(GraphQLScalarType scalar, Object value, List<Object> path, String name) {
        String hint = hint(scalar.getName());
        switch (scalar.getName()) {
            case "String", "ID" -> {
                if (value instanceof String s) {
                    int max = isSearch(name) ? maxSearch : maxString;
                    return s.length() > max ? problem(path, "input.textTooLong", max) : null;
                }
                if (scalar.getName().equals("ID") && value instanceof Number) {
                    return null;
                }
                return problem(path, "input.format", scalar.getName(), hint);
            }
            case "Date" -> {
                return value instanceof String s && date(s) ? null : problem(path, "input.format", "Date", hint);
            }
            case "DateTime" -> {
                return value instanceof String s && dateTime(s) ? null : problem(path, "input.format", "DateTime", hint);
            }
            case "BigDecimal" -> {
                return decimal(value) ? null : problem(path, "input.format", "BigDecimal", hint);
            }
            default -> {
                try {
                    scalar.getCoercing().parseValue(value, GraphQLContext.getDefault(), Locale.ENGLISH);
                    return null;
                } catch (RuntimeException e) {
                    return problem(path, "input.format", scalar.getName(), hint);
                }
            }
        }
    }

    // ------------------------------------------------------------------ literals of the document

    private ApiException literals(SelectionSet set, GraphQLType parent, Map<String, FragmentDefinition> fragments, Set<String> seen,
            int level) {
        if (set == null || level > 50) {
            return null;
        }
        for (Selection<?> s : set.getSelections()) {
            ApiException p = null;
            if (s instanceof Field field) {
                GraphQLFieldDefinition def = parent instanceof GraphQLFieldsContainer c && !field.getName().startsWith("__")
                        ? c.getFieldDefinition(field.getName())
                        : null;
                if (def == null) {
                    continue;
                }
                for (Argument argument : field.getArguments()) {
                    GraphQLArgument argDef = def.getArgument(argument.getName());
                    if (argDef != null) {
                        p = literal(argDef.getType(), argument.getValue(), new ArrayList<>(List.of(argument.getName())), argument.getName());
                        if (p != null) {
                            return p;
                        }
                    }
                }
                p = literals(field.getSelectionSet(), GraphQLTypeUtil.unwrapAll(def.getType()), fragments, seen, level + 1);
            } else if (s instanceof InlineFragment inline) {
                GraphQLType type = inline.getTypeCondition() == null ? parent : schema.getType(inline.getTypeCondition().getName());
                p = literals(inline.getSelectionSet(), type == null ? parent : type, fragments, seen, level + 1);
            } else if (s instanceof FragmentSpread spread && seen.add(spread.getName()) && fragments.containsKey(spread.getName())) {
                FragmentDefinition def = fragments.get(spread.getName());
                GraphQLType type = schema.getType(def.getTypeCondition().getName());
                p = literals(def.getSelectionSet(), type == null ? parent : type, fragments, seen, level + 1);
            }
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private ApiException literal(GraphQLType type, Value<?> value, List<Object> path, String name) {
        if (value instanceof VariableReference ref && isSearch(name) && variables.get(ref.getName()) instanceof String text
                && text.length() > maxSearch) {
            return problem(path, "input.textTooLong", maxSearch);
        }
        if (value == null || value instanceof VariableReference || value instanceof NullValue) {
            return null;
        }
        type = GraphQLTypeUtil.unwrapNonNull(type);
        if (type instanceof GraphQLList list) {
            if (value instanceof ArrayValue array) {
                for (int i = 0; i < array.getValues().size(); i++) {
                    path.add(i);
                    ApiException p = literal(list.getWrappedType(), array.getValues().get(i), path, name);
                    path.remove(path.size() - 1);
                    if (p != null) {
                        return p;
                    }
                }
                return null;
            }
            return literal(list.getWrappedType(), value, path, name);
        }
        if (type instanceof GraphQLInputObjectType object && value instanceof ObjectValue objectValue) {
            for (ObjectField field : objectValue.getObjectFields()) {
                GraphQLInputObjectField def = object.getField(field.getName());
                if (def != null) {
                    path.add(field.getName());
                    ApiException p = literal(def.getType(), field.getValue(), path, field.getName());
                    path.remove(path.size() - 1);
                    if (p != null) {
                        return p;
                    }
                }
            }
            return null;
        }
        if (type instanceof GraphQLScalarType scalar) {
            Object plain = value instanceof StringValue s ? s.getValue()
                    : value instanceof IntValue i ? i.getValue() : value instanceof FloatValue f ? f.getValue() : null;
            if (plain == null || plain instanceof Number && !scalar.getName().equals("BigDecimal")) {
                return null;
            }
            return scalar(scalar, plain, path, name);
        }
        return null;
    }

    // ------------------------------------------------------------------ helpers

    private static boolean isSearch(String name) {
        return name.equals("search") || name.equals("text");
    }

    private static String oneOf(GraphQLEnumType type) {
        return type.getValues().stream().map(GraphQLEnumValueDefinition::getName).collect(Collectors.joining(", "));
    }

    static String hint(String scalar) {
        return switch (scalar) {
            case "Date" -> "YYYY-MM-DD, e.g. 2024-10-01";
            case "DateTime" -> "ISO-8601 date-time, e.g. 2024-10-01T08:30:00Z";
            case "BigDecimal" -> "a decimal number, e.g. 125000.50";
            case "Int" -> "a whole number from -2147483648 to 2147483647";
            case "Float" -> "a number";
            case "Boolean" -> "true or false";
            case "ID" -> "an id (string)";
            default -> "a string";
        };
    }

    private static boolean date(String s) {
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean dateTime(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(s);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    private static boolean decimal(Object value) {
        if (value instanceof Number) {
            return true;
        }
        if (value instanceof String s && s.length() <= 40) {
            try {
                new BigDecimal(s);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    /** VALIDATION on the path within the argument (the variable or argument name when it is the value itself). */
    private static ApiException problem(List<Object> path, String key, Object... extra) {
        String field = path.size() == 1 ? String.valueOf(path.get(0))
                : path.subList(1, path.size()).stream().map(String::valueOf).collect(Collectors.joining("."));
        Object[] args = new Object[extra.length + 1];
        args[0] = field;
        System.arraycopy(extra, 0, args, 1, extra.length);
        return ApiException.invalid(field, key, args);
    }
}
