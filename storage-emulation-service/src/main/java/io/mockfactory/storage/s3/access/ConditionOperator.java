package io.mockfactory.storage.s3.access;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A condition operator as a policy names it: a base type (StringEquals, NumericLessThan, IpAddress, …), an optional
 * set qualifier (ForAnyValue:, ForAllValues:) and an optional IfExists suffix. Names are case-insensitive, as IAM's are.
 */
public record ConditionOperator(String name, Type type, Qualifier qualifier, boolean ifExists) {

    public enum Qualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    /** The base types; a negated one holds for a request value that matches none of the policy's values. */
    public enum Type {
        STRING_EQUALS("StringEquals", false), STRING_NOT_EQUALS("StringNotEquals", true),
        STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false), STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true),
        STRING_LIKE("StringLike", false), STRING_NOT_LIKE("StringNotLike", true),
        NUMERIC_EQUALS("NumericEquals", false), NUMERIC_NOT_EQUALS("NumericNotEquals", true),
        NUMERIC_LESS_THAN("NumericLessThan", false), NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", false),
        NUMERIC_GREATER_THAN("NumericGreaterThan", false), NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", false),
        DATE_EQUALS("DateEquals", false), DATE_NOT_EQUALS("DateNotEquals", true),
        DATE_LESS_THAN("DateLessThan", false), DATE_LESS_THAN_EQUALS("DateLessThanEquals", false),
        DATE_GREATER_THAN("DateGreaterThan", false), DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", false),
        BOOL("Bool", false), BINARY_EQUALS("BinaryEquals", false),
        IP_ADDRESS("IpAddress", false), NOT_IP_ADDRESS("NotIpAddress", true),
        ARN_EQUALS("ArnEquals", false), ARN_LIKE("ArnLike", false), ARN_NOT_EQUALS("ArnNotEquals", true),
        ARN_NOT_LIKE("ArnNotLike", true), NULL("Null", false);

        private final String awsName;
        private final boolean negated;

        Type(String awsName, boolean negated) {
            this.awsName = awsName;
            this.negated = negated;
        }

        public String awsName() {
            return awsName;
        }

        public boolean negated() {
            return negated;
        }

        /** The positive comparison of one request value with one policy value (negation is applied by the caller). */
        boolean matches(String actual, String expected) {
            return switch (this) {
                case STRING_EQUALS, STRING_NOT_EQUALS -> actual.equals(Glob.literal(expected));
                case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE ->
                        actual.toLowerCase(Locale.ROOT).equals(Glob.literal(expected).toLowerCase(Locale.ROOT));
                case STRING_LIKE, STRING_NOT_LIKE -> Glob.compile(expected).matches(actual);
                case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS -> compareNumbers(actual, expected, 0, 0);
                case NUMERIC_LESS_THAN -> compareNumbers(actual, expected, -1, -1);
                case NUMERIC_LESS_THAN_EQUALS -> compareNumbers(actual, expected, -1, 0);
                case NUMERIC_GREATER_THAN -> compareNumbers(actual, expected, 1, 1);
                case NUMERIC_GREATER_THAN_EQUALS -> compareNumbers(actual, expected, 0, 1);
                case DATE_EQUALS, DATE_NOT_EQUALS -> compareDates(actual, expected, 0, 0);
                case DATE_LESS_THAN -> compareDates(actual, expected, -1, -1);
                case DATE_LESS_THAN_EQUALS -> compareDates(actual, expected, -1, 0);
                case DATE_GREATER_THAN -> compareDates(actual, expected, 1, 1);
                case DATE_GREATER_THAN_EQUALS -> compareDates(actual, expected, 0, 1);
                case BOOL -> {
                    Boolean a = PolicyValues.bool(actual);
                    yield a != null && a.equals(PolicyValues.bool(expected));
                }
                case BINARY_EQUALS -> {
                    byte[] a = PolicyValues.binary(actual);
                    yield a != null && Arrays.equals(a, PolicyValues.binary(expected));
                }
                case IP_ADDRESS, NOT_IP_ADDRESS -> {
                    IpRange range = IpRange.parse(expected);
                    yield range != null && range.contains(actual);
                }
                case ARN_EQUALS, ARN_LIKE, ARN_NOT_EQUALS, ARN_NOT_LIKE -> arnMatches(actual, expected);
                case NULL -> throw new IllegalStateException("Null compares presence, not values");
            };
        }

        private static boolean compareNumbers(String actual, String expected, int low, int high) {
            BigDecimal a = PolicyValues.number(actual);
            BigDecimal e = PolicyValues.number(expected);
            if (a == null || e == null) {
                return false;
            }
            int order = Integer.signum(a.compareTo(e));
            return order >= low && order <= high;
        }

        private static boolean compareDates(String actual, String expected, int low, int high) {
            Instant a = PolicyValues.date(actual);
            Instant e = PolicyValues.date(expected);
            if (a == null || e == null) {
                return false;
            }
            int order = Integer.signum(a.compareTo(e));
            return order >= low && order <= high;
        }

        /** Each of the six colon-separated parts is matched on its own; a wildcard never spans a colon. */
        private static boolean arnMatches(String actual, String pattern) {
            String[] a = actual.split(":", 6);
            String[] p = pattern.split(":", 6);
            if (a.length != p.length) {
                return false;
            }
            for (int i = 0; i < p.length; i++) {
                if (!Glob.compile(p[i]).matches(a[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The operator a policy names, or empty if IAM does not know it. */
    public static Optional<ConditionOperator> parse(String name) {
        String rest = name;
        Qualifier qualifier = Qualifier.NONE;
        if (startsWithIgnoreCase(rest, "ForAnyValue:")) {
            qualifier = Qualifier.FOR_ANY_VALUE;
            rest = rest.substring("ForAnyValue:".length());
        } else if (startsWithIgnoreCase(rest, "ForAllValues:")) {
            qualifier = Qualifier.FOR_ALL_VALUES;
            rest = rest.substring("ForAllValues:".length());
        }
        boolean ifExists = false;
        if (rest.length() > "IfExists".length() && rest.regionMatches(true, rest.length() - 8, "IfExists", 0, 8)) {
            ifExists = true;
            rest = rest.substring(0, rest.length() - 8);
        }
        for (Type type : Type.values()) {
            if (type.awsName.equalsIgnoreCase(rest)) {
                // Null tests whether a key is there: "if it exists" would make it always true, and IAM refuses it
                if (type == Type.NULL && ifExists) {
                    return Optional.empty();
                }
                return Optional.of(new ConditionOperator(name, type, qualifier, ifExists));
            }
        }
        return Optional.empty();
    }

    private static boolean startsWithIgnoreCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
