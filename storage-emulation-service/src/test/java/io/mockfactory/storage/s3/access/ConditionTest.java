package io.mockfactory.storage.s3.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** IAM's condition semantics: each operator, IfExists, ForAnyValue/ForAllValues, missing keys and negation. */
class ConditionTest {
    /** @param actual the request's values of the key; null for a request without it */
    private static boolean holds(String operator, List<String> expected, List<String> actual) {
        Condition condition = new Condition(ConditionOperator.parse(operator).orElseThrow(), "aws:Key", expected);
        RequestContext.Builder context = RequestContext.builder();
        if (actual != null) {
            context.put("AWS:key", actual);
        }
        return condition.holds(context.build());
    }

    private static void check(String operator, String expected, String actual, boolean holds) {
        assertEquals(holds, holds(operator, List.of(expected), actual == null ? null : List.of(actual)),
                operator + " " + expected + " with " + actual);
    }

    @Test
    void shouldCompareStrings() {
        check("StringEquals", "a", "a", true);
        check("StringEquals", "a", "A", false);
        check("StringEquals", "a*", "ab", false);
        check("StringEquals", "a*", "a*", true);
        check("StringEquals", "a${*}${?}${$}", "a*?$", true);
        check("StringEquals", "", "", true);
        check("StringEquals", "a", null, false);
        check("StringNotEquals", "a", "b", true);
        check("StringNotEquals", "a", "a", false);
        check("StringNotEquals", "a", null, true);
        check("StringEqualsIgnoreCase", "abc", "ABC", true);
        check("StringEqualsIgnoreCase", "a*", "ab", false);
        check("StringNotEqualsIgnoreCase", "abc", "ABC", false);
        check("StringNotEqualsIgnoreCase", "abc", "abd", true);
        check("StringLike", "a*", "abc", true);
        check("StringLike", "a*", "Abc", false);
        check("StringLike", "*", "", true);
        check("StringLike", "home/*/file", "home/a/b/file", true);
        check("StringLike", "a?c", "abc", true);
        check("StringLike", "a?c", "abbc", false);
        check("StringLike", "a${*}c", "abc", false);
        check("StringLike", "a${*}c", "a*c", true);
        check("StringNotLike", "a*", "abc", false);
        check("StringNotLike", "a*", "bc", true);
        check("StringNotLike", "a*", null, true);
        assertEquals(true, holds("StringEquals", List.of("a", "b"), List.of("b")), "several values are alternatives");
        assertEquals(false, holds("StringEquals", List.of(), List.of("a")));
        assertEquals(true, holds("StringNotEquals", List.of(), List.of("a")));
    }

    @Test
    void shouldCompareNumbersAsNumbers() {
        check("NumericEquals", "10", "10.0", true);
        check("NumericEquals", "10", "+10", true);
        check("NumericEquals", "10", "1e1", true);
        check("NumericEquals", "010", "10", true);
        check("NumericEquals", "10", "ten", false);
        check("NumericEquals", "10", "0x0a", false);
        check("NumericEquals", "10", "10 ", false);
        check("NumericEquals", "ten", "ten", false);
        check("NumericNotEquals", "10", "11", true);
        check("NumericNotEquals", "10", "10.0", false);
        check("NumericNotEquals", "10", null, true);
        check("NumericLessThan", "100", "20", true);
        check("NumericLessThan", "10", "10", false);
        check("NumericLessThanEquals", "10", "10", true);
        check("NumericLessThanEquals", "10", "10.01", false);
        check("NumericGreaterThan", "9", "10", true);
        check("NumericGreaterThan", "10", "10", false);
        check("NumericGreaterThanEquals", "10", "1e2", true);
        check("NumericGreaterThanEquals", "10", "9.99", false);
        check("NumericLessThan", "10", null, false);
    }

    @Test
    void shouldCompareDatesAsInstants() {
        String newYear = "2024-01-01T00:00:00Z";
        for (String same : List.of("2024-01-01T00:00:00.000Z", "2024-01-01T00:00Z", "2024-01-01t00:00:00z", "2024-01-01T01:00:00+01:00",
                "2023-12-31T19:00:00-0500", "2023-12-31T14:30:00-09:30", "2024-01-01T00:00:00", "2024-01-01", "2024-01", "1704067200",
                "1704067200.0")) {
            check("DateEquals", newYear, same, true);
        }
        for (String other : List.of("2024-01-01T00:00:01Z", "2024-01-01T00:00:00.001Z", "1704067201", "not a date", "", "01/01/2024",
                "Mon, 01 Jan 2024 00:00:00 GMT", "2024-02-30T00:00:00Z", "2024-01-01T24:00:00Z", "2024-13-01")) {
            check("DateEquals", newYear, other, false);
        }
        check("DateEquals", "1704067200", newYear, true);
        check("DateNotEquals", newYear, "2024-01-01T00:00:01Z", true);
        check("DateNotEquals", newYear, null, true);
        check("DateLessThan", newYear, "2023-12-31T23:59:59.999Z", true);
        check("DateLessThan", newYear, "2024-01-01T00:30:00+01:00", true);
        check("DateLessThan", newYear, newYear, false);
        check("DateLessThanEquals", newYear, newYear, true);
        check("DateGreaterThan", newYear, "1704067201", true);
        check("DateGreaterThan", newYear, newYear, false);
        check("DateGreaterThanEquals", newYear, "2030-01-01", true);
        check("DateGreaterThanEquals", newYear, null, false);
    }

    @Test
    void shouldCompareBooleansBinaryAndArns() {
        check("Bool", "true", "TRUE", true);
        check("Bool", "True", "true", true);
        check("Bool", "true", "false", false);
        check("Bool", "true", "1", false);
        check("Bool", "false", null, false);
        check("BinaryEquals", "aGVsbG8=", "aGVsbG8", true);
        check("BinaryEquals", "aGVsbG8=", "d29ybGQ=", false);
        check("BinaryEquals", "aGVsbG8=", "not base64!", false);
        String topic = "arn:aws:sns:us-east-1:111122223333:topic";
        for (String operator : List.of("ArnEquals", "ArnLike")) {
            check(operator, topic, topic, true);
            check(operator, topic, topic + ":1", false);
            check(operator, "arn:aws:sns:*:111122223333:*", "arn:aws:sns:eu-west-1:111122223333:a:b/c", true);
            check(operator, "arn:aws:sns:us-*-?:*:t*", topic, true);
            check(operator, "arn:aws:*:topic", topic, false);
            check(operator, "*", topic, false);
            check(operator, "*", "topic", true);
            check(operator, topic, null, false);
        }
        check("ArnNotEquals", topic, topic, false);
        check("ArnNotLike", "arn:aws:sqs:*:*:*", topic, true);
        check("ArnNotLike", "*", null, true);
    }

    @Test
    void shouldTestIpAddresses() {
        check("IpAddress", "203.0.113.0/24", "203.0.113.255", true);
        check("IpAddress", "203.0.113.0/24", "203.0.114.0", false);
        check("IpAddress", "203.0.113.7", "203.0.113.7", true);
        check("IpAddress", "203.0.113.6/31", "203.0.113.7", true);
        check("IpAddress", "192.168.1.130/25", "192.168.1.200", true);
        check("IpAddress", "0.0.0.0/0", "2001:db8::1", false);
        check("IpAddress", "2001:db8::/32", "2001:0DB8:0000:0000:0000:0000:0000:0001", true);
        check("IpAddress", "2001:db8::/33", "2001:db8:8000::1", false);
        check("IpAddress", "64:ff9b::/96", "64:ff9b::203.0.113.7", true);
        check("IpAddress", "fe80::/10", "fe80::1%eth0", true);
        check("IpAddress", "203.0.113.0/24", "::ffff:203.0.113.7", true);
        check("IpAddress", "::ffff:0:0/96", "::ffff:203.0.113.7", true);
        check("IpAddress", "::ffff:203.0.113.0/120", "203.0.113.7", false);
        check("IpAddress", "203.0.113.0/33", "203.0.113.0", false);
        check("IpAddress", "example.com", "203.0.113.0", false);
        check("IpAddress", "203.0.113.0/24", "203.0.113.01", false);
        check("IpAddress", "203.0.113.0/24", null, false);
        check("NotIpAddress", "10.0.0.0/8", "11.0.0.1", true);
        check("NotIpAddress", "10.0.0.0/8", "10.0.0.1", false);
        check("NotIpAddress", "10.0.0.0/8", "not an address", true);
        check("NotIpAddress", "10.0.0.0/8", null, true);
    }

    @Test
    void shouldTestWhetherAKeyIsThereWithNull() {
        check("Null", "true", null, true);
        check("Null", "true", "a", false);
        check("Null", "true", "", false);
        check("Null", "false", "a", true);
        check("Null", "false", null, false);
        check("Null", "TRUE", null, true);
        assertEquals(true, holds("Null", List.of("true", "false"), List.of("a")));
        assertEquals(true, holds("Null", List.of("true"), List.of()), "a key without values is missing");
    }

    @Test
    void shouldHoldForAMissingKeyWithIfExists() {
        for (String operator : List.of("StringEquals", "StringLike", "NumericLessThan", "DateEquals", "Bool", "IpAddress", "ArnLike")) {
            check(operator + "IfExists", "x", null, true);
            check("ForAnyValue:" + operator + "IfExists", "x", null, true);
            check("ForAllValues:" + operator + "IfExists", "x", null, true);
        }
        check("StringEqualsIfExists", "a", "a", true);
        check("StringEqualsIfExists", "a", "b", false);
        check("stringequalsifexists", "a", "b", false);
    }

    @Test
    void shouldApplySetQualifiersToKeysWithSeveralValues() {
        assertEquals(true, holds("StringEquals", List.of("a"), List.of("b", "a")));
        assertEquals(false, holds("StringEquals", List.of("a"), List.of("b", "c")));
        // A negated operator holds when each value differs from each listed value
        assertEquals(true, holds("StringNotEquals", List.of("a"), List.of("b", "c")));
        assertEquals(false, holds("StringNotEquals", List.of("a"), List.of("b", "a")));
        assertEquals(true, holds("ForAllValues:StringEquals", List.of("a", "b"), List.of("b", "a", "a")));
        assertEquals(false, holds("ForAllValues:StringEquals", List.of("a", "b"), List.of("a", "c")));
        assertEquals(true, holds("ForAllValues:StringEquals", List.of("a", "b"), null), "all of none");
        assertEquals(false, holds("ForAllValues:StringEquals", List.of(), List.of("a")));
        assertEquals(true, holds("ForAllValues:StringNotEquals", List.of("a", "b"), List.of("c", "d")));
        assertEquals(false, holds("ForAllValues:StringNotEquals", List.of("a", "b"), List.of("c", "a")));
        assertEquals(true, holds("ForAnyValue:StringEquals", List.of("a", "b"), List.of("c", "a")));
        assertEquals(false, holds("ForAnyValue:StringEquals", List.of("a", "b"), List.of("c", "d")));
        assertEquals(false, holds("ForAnyValue:StringEquals", List.of("a", "b"), null), "any of none");
        assertEquals(true, holds("ForAnyValue:StringNotEquals", List.of("a", "b"), List.of("a", "c")));
        assertEquals(false, holds("ForAnyValue:StringNotEquals", List.of("a", "b"), List.of("a", "b")));
        assertEquals(false, holds("ForAllValues:StringEqualsIfExists", List.of("a"), List.of("a", "b")));
        assertEquals(true, holds("ForAnyValue:StringLike", List.of("team-*"), List.of("other", "team-b")));
    }

    @Test
    void shouldCompareKeysCaseInsensitivelyAndKeysExactly() {
        RequestContext context = RequestContext.builder().put("s3:X-Amz-Acl", "private").put("aws:user", "a").build();
        assertEquals(List.of("private"), context.values("S3:x-amz-ACL"));
        assertEquals(List.of(), context.values("aws:username"), "a key is not a prefix");
        assertEquals(List.of(), context.values("aws:user*"), "nor a pattern");
        RequestContext twice = RequestContext.builder().put("aws:TagKeys", List.of("a")).put("aws:tagkeys", "b").put("x", (String) null).build();
        assertEquals(List.of("a", "b"), twice.values("AWS:TAGKEYS"));
        assertEquals(List.of(), twice.values("x"), "a null value leaves the key missing");
    }
}
