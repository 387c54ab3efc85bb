package io.mockfactory.storage.s3.access;

import java.util.List;
import java.util.function.Predicate;

/**
 * One test of a statement's Condition block: an operator applied to a request context key and the policy's values.
 * Several values of one key are alternatives (OR); the conditions of a statement must all hold (AND).
 */
public record Condition(ConditionOperator operator, String key, List<String> values) {
    public Condition {
        values = List.copyOf(values);
    }

    /** Whether this condition holds for the request, IAM's semantics for missing keys, sets and negation included. */
    public boolean holds(RequestContext context) {
        List<String> actual = context.values(key);
        ConditionOperator.Type type = operator.type();
        if (type == ConditionOperator.Type.NULL) {
            return isNullHolds(actual.isEmpty());
        }
        if (actual.isEmpty()) {
            if (operator.ifExists()) {
                return true;
            }
            return switch (operator.qualifier()) {
                // A set condition on no values: "all of none" holds, "any of none" does not
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                // A negated operator holds for a key the request does not have (AWS: "…NotEquals" without the key is true)
                case NONE -> type.negated();
            };
        }
        Predicate<String> satisfies = value -> type.negated() != values.stream().anyMatch(expected -> type.matches(value, expected));
        return switch (operator.qualifier()) {
            case FOR_ANY_VALUE -> actual.stream().anyMatch(satisfies);
            case FOR_ALL_VALUES -> actual.stream().allMatch(satisfies);
            case NONE -> type.negated() ? actual.stream().allMatch(satisfies) : actual.stream().anyMatch(satisfies);
        };
    }

    private boolean isNullHolds(boolean absent) {
        for (String value : values) {
            Boolean wanted = PolicyValues.bool(value);
            if (wanted != null && wanted == absent) {
                return true;
            }
        }
        return false;
    }
}
