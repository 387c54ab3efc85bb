package io.mockfactory.storage.s3.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.mockfactory.storage.s3.access.AccessFixtures.failsWith;
import static io.mockfactory.storage.s3.access.AccessFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PutBucketPolicy's validation: what S3 accepts, and S3's MalformedPolicy message for what it refuses. */
class BucketPolicyTest {
    private static final String NOT_JSON = "Policies must be valid JSON and the first byte must be '{'";
    private static final String SYNTAX = "Invalid policy syntax.";

    @Test
    void shouldReadEveryElement() {
        String text = "\n\t {\"Version\":\"2012-10-17\",\"Id\":\"p1\",\"Statement\":[{\"Sid\":\"read\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":[\"111122223333\",\"arn:aws:iam::444455556666:root\"],\"CanonicalUser\":\"abc\"},"
                + "\"Action\":[\"s3:GetObject\",\"s3:getobjectversion\"],\"Resource\":[\"arn:aws:s3:::b/*\",\"arn:aws:s3:::b\"],"
                + "\"Condition\":{\"StringEquals\":{\"s3:prefix\":[\"a/\",\"b/\"]},\"NumericLessThan\":{\"s3:max-keys\":10}}},"
                + "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"Service\":\"cloudfront.amazonaws.com\"},\"NotAction\":\"s3:List*\","
                + "\"NotResource\":\"arn:aws:s3:::b/public/*\"}]}\n";
        BucketPolicy policy = BucketPolicy.parse(text, "b");
        assertEquals(text, policy.text(), "kept as sent: GetBucketPolicy answers it");
        assertEquals("2012-10-17", policy.version());
        assertEquals("p1", policy.id());
        Statement read = policy.statements().get(0);
        assertEquals("read", read.sid());
        assertEquals(Statement.Effect.ALLOW, read.effect());
        assertEquals(List.of("111122223333", "arn:aws:iam::444455556666:root"), read.principal().aws());
        assertEquals(List.of("abc"), read.principal().canonicalUsers());
        assertFalse(read.notPrincipal());
        assertEquals(List.of("s3:GetObject", "s3:getobjectversion"), read.actions());
        assertEquals(List.of("arn:aws:s3:::b/*", "arn:aws:s3:::b"), read.resources());
        assertEquals(2, read.conditions().size());
        assertEquals(List.of("10"), read.conditions().get(1).values(), "numbers are read as their text");
        Statement deny = policy.statements().get(1);
        assertNull(deny.sid());
        assertTrue(deny.notPrincipal() && deny.notAction() && deny.notResource());
        assertEquals(List.of("cloudfront.amazonaws.com"), deny.principal().services());
    }

    @Test
    void shouldAcceptOneStatementWithoutAVersion() {
        BucketPolicy policy = BucketPolicy.parse(document(statement("")).replace("\"Version\":\"2012-10-17\",", ""), "b");
        assertNull(policy.version());
        assertEquals(1, policy.statements().size());
        assertEquals("2008-10-17", BucketPolicy.parse(document(statement("")).replace("2012-10-17", "2008-10-17"), "b").version());
        assertEquals(1, BucketPolicy.parse("{\"Statement\":" + statement("") + "}", "b").statements().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " \n", "[{\"Effect\":\"Allow\"}]", "\"policy\"", "x{\"Statement\":[]}", "\uFEFF{\"Statement\":[]}",
            "{\"Statement\":[", "{\"Statement\":[]} x", "{Statement:[]}", "{\"Version\":\"2012-10-17\",}",
            "{\"Statement\":[]} // comment"})
    void shouldRefuseWhatIsNotAJsonObject(String text) {
        malformed(NOT_JSON, text);
    }

    @Test
    void shouldLimitTheDocumentToTwentyKilobytes() {
        String text = document(statement(""));
        String padded = text + " ".repeat(BucketPolicy.MAX_BYTES - text.length());
        assertEquals(padded, BucketPolicy.parse(padded, "b").text());
        malformed("Policy exceeds the maximum allowed document size.", padded + " ");
        // Bytes, not characters: é is two bytes in UTF-8
        malformed("Policy exceeds the maximum allowed document size.", document(statement(",\"Sid\":\"" + "é".repeat(10_200) + "\"")));
        failsWith("MalformedPolicy", "Policy exceeds the maximum allowed document size.",
                () -> BucketPolicy.parse(new byte[BucketPolicy.MAX_BYTES + 1], "b"));
        failsWith("MalformedPolicy", NOT_JSON, () -> BucketPolicy.parse(new byte[]{'{', (byte) 0xC3, '}'}, "b"));
        assertEquals(text, BucketPolicy.parse(utf8(text), "b").text());
    }

    @Test
    void shouldRefuseAMalformedPolicyLevel() {
        String valid = statement("");
        malformed("The policy must contain a valid version string", "{\"Version\":\"2012-10-18\",\"Statement\":[" + valid + "]}");
        malformed("The policy must contain a valid version string", "{\"Version\":2012,\"Statement\":[" + valid + "]}");
        malformed("The policy must contain a valid version string", "{\"Version\":null,\"Statement\":[" + valid + "]}");
        malformed("Missing required field Statement", "{\"Version\":\"2012-10-17\"}");
        malformed("Missing required field Statement", "{}");
        malformed("Could not parse the policy: Statement is empty!", "{\"Statement\":[]}");
        malformed(SYNTAX, "{\"Statement\":\"Allow\"}");
        malformed(SYNTAX, "{\"Statement\":[null]}");
        malformed(SYNTAX, "{\"Statement\":[[" + valid + "]]}");
        malformed(SYNTAX, "{\"Id\":1,\"Statement\":[" + valid + "]}");
        malformed("Unknown field Foo", "{\"Statement\":[" + valid + "],\"Foo\":1}");
        malformed("Unknown field version", "{\"version\":\"2012-10-17\",\"Statement\":[" + valid + "]}");
    }

    @Test
    void shouldRefuseAMalformedStatement() {
        malformed("Unknown field Foo", document(statement(",\"Foo\":\"bar\"")));
        malformed("Unknown field effect", document(statement("").replace("\"Effect\"", "\"effect\"")));
        malformed("Unknown field Notprincipal", document(statement("").replace("\"Principal\"", "\"Notprincipal\"")));
        malformed("Missing required field Effect", document(statement("").replace("\"Effect\":\"Allow\",", "")));
        malformed("Invalid effect: allow", document(statement("").replace("\"Allow\"", "\"allow\"")));
        malformed("Invalid effect: DENY", document(statement("").replace("\"Allow\"", "\"DENY\"")));
        malformed("Invalid effect: true", document(statement("").replace("\"Allow\"", "true")));
        malformed(SYNTAX, document(statement("").replace("\"Allow\"", "[\"Allow\"]")));
        malformed(SYNTAX, document(statement(",\"Sid\":1")));
        malformed("Missing required field Principal", document(statement("").replace("\"Principal\":\"*\",", "")));
        malformed("Statement/policy already has instance of Principal", document(statement(",\"NotPrincipal\":\"*\"")));
        malformed("Statement/policy already has instance of Action", document(statement(",\"NotAction\":\"s3:PutObject\"")));
        malformed("Statement/policy already has instance of Resource", document(statement(",\"NotResource\":\"arn:aws:s3:::b\"")));
        malformed("Missing required field Action", document(statement("").replace("\"Action\":\"s3:GetObject\",", "")));
        malformed("Missing required field Action cannot be empty!", document(statement("").replace("\"s3:GetObject\"", "[]")));
        malformed(SYNTAX, document(statement("").replace("\"s3:GetObject\"", "1")));
        malformed(SYNTAX, document(statement("").replace("\"s3:GetObject\"", "[\"s3:GetObject\",1]")));
        malformed("Missing required field Resource", document(statement("").replace(",\"Resource\":\"arn:aws:s3:::b/*\"", "")));
        malformed("Missing required field Resource cannot be empty!", document(statement("").replace("\"arn:aws:s3:::b/*\"", "[]")));
        malformed(SYNTAX, document(statement("").replace("\"arn:aws:s3:::b/*\"", "{\"arn\":\"x\"}")));
    }

    @Test
    void shouldRefuseANameTwiceInOneObject() {
        String rest = "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"";
        malformed("Statement/policy already has instance of Version",
                "{\"Version\":\"2012-10-17\",\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"," + rest + "}]}");
        malformed("Statement/policy already has instance of Effect", "{\"Statement\":[{\"Effect\":\"Deny\"," + rest + ",\"Effect\":\"Allow\"}]}");
        malformed("Statement/policy already has instance of Effect",
                "{\"Statement\":[{\"Effect\":\"Allow\",\"\\u0045ffect\":\"Allow\"," + rest + "}]}");
        malformed("Statement/policy already has instance of aws:username", "{\"Statement\":[{\"Effect\":\"Allow\"," + rest
                + ",\"Condition\":{\"StringEquals\":{\"aws:username\":\"a\",\"aws:username\":\"b\"}}}]}");
        // The same name in different objects, or inside strings, is fine
        BucketPolicy.parse("{\"Id\":\"{\\\"Id\\\":1}\",\"Statement\":[{\"Sid\":\"Effect\",\"Effect\":\"Allow\"," + rest
                + "},{\"Effect\":\"Allow\"," + rest + "}]}", "b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"*\"", "{\"AWS\":\"*\"}", "{\"AWS\":[\"*\"]}", "{\"AWS\":\"111122223333\"}",
            "{\"AWS\":\"arn:aws:iam::111122223333:root\"}", "{\"AWS\":\"arn:aws:iam::111122223333:user/a/b\"}",
            "{\"AWS\":\"arn:aws:sts::111122223333:assumed-role/r/s\"}", "{\"AWS\":\"arn:aws-cn:iam::111122223333:root\"}",
            "{\"AWS\":\"AKIAIOSFODNN7EXAMPLE\"}", "{\"CanonicalUser\":\"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be\"}",
            "{\"Service\":[\"s3.amazonaws.com\"]}", "{\"Federated\":\"accounts.google.com\"}",
            "{\"AWS\":\"111122223333\",\"CanonicalUser\":\"abc\"}"})
    void shouldAcceptThePrincipalsS3Accepts(String principal) {
        BucketPolicy.parse(document(statement("").replace("\"Principal\":\"*\"", "\"Principal\":" + principal)), "b");
        BucketPolicy.parse(document(statement("").replace("\"Principal\":\"*\"", "\"NotPrincipal\":" + principal)), "b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"111122223333\"", "\"arn:aws:iam::111122223333:root\"", "\"\"", "[\"*\"]", "111122223333", "true",
            "null", "{}", "{\"IAM\":\"111122223333\"}", "{\"aws\":\"*\"}", "{\"AWS\":\"*\",\"Other\":\"x\"}",
            "{\"AWS\":\"11112222333\"}", "{\"AWS\":\"1111222233334\"}", "{\"AWS\":111122223333}", "{\"AWS\":\"alice\"}",
            "{\"AWS\":\"\"}", "{\"AWS\":\"arn:aws:s3:::b\"}", "{\"AWS\":\"arn:aws-eu:iam::111122223333:root\"}",
            "{\"AWS\":\"arn:aws:iam:us-east-1:111122223333:root\"}", "{\"AWS\":\"ARN:AWS:IAM::111122223333:root\"}",
            "{\"AWS\":[\"111122223333\",\"bob\"]}", "{\"AWS\":[]}", "{\"CanonicalUser\":{\"id\":\"x\"}}", "{\"Service\":null}",
            "{\"AWS\":\"akiaiosfodnn7example\"}", "{\"AWS\":\"AKIA123\"}"})
    void shouldRefuseOtherPrincipals(String principal) {
        malformed("Invalid principal in policy", document(statement("").replace("\"Principal\":\"*\"", "\"Principal\":" + principal)));
        malformed("Invalid principal in policy", document(statement("").replace("\"Principal\":\"*\"", "\"NotPrincipal\":" + principal)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "s3:*", "S3:GetObject", "s3:getobject", "s3:Get*", "s3:?etObject", "s3:Get*Tagging", "s3:NotARealAction1"})
    void shouldAcceptActionsWithWildcards(String action) {
        String both = "[\"arn:aws:s3:::b\",\"arn:aws:s3:::b/*\"]";
        BucketPolicy.parse(document(statement("").replace("\"s3:GetObject\"", "\"" + action + "\"").replace("\"arn:aws:s3:::b/*\"", both)), "b");
        BucketPolicy.parse(document(statement("").replace("\"Action\"", "\"NotAction\"").replace("\"s3:GetObject\"", "\"" + action + "\"")), "b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s3:", "s3", "GetObject", "s3GetObject", "s3:Get Object", "s3:Get-Object", "s3:Get_Object",
            "s3:GetObject ", " s3:GetObject", "s3:Get:Object", "s3:GetObjéct", "ec2:RunInstances", "iam:*", "**", "*:*", "s?:GetObject"})
    void shouldRefuseActionsThatAreNotS3s(String action) {
        malformed("Policy has invalid action", document(statement("").replace("\"s3:GetObject\"", "\"" + action + "\"")));
        malformed("Policy has invalid action", document(statement("").replace("\"s3:GetObject\"", "[\"s3:GetObject\",\"" + action + "\"]")));
        malformed("Policy has invalid action", document(statement("").replace("\"Action\":\"s3:GetObject\"",
                "\"NotAction\":\"" + action + "\"")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:s3:::b", "arn:aws:s3:::b/*", "arn:aws:s3:::b/photos/cat.jpg", "arn:aws:s3:::b/a b/${aws:username}/?*",
            "arn:aws:s3:::b/", "arn:aws-cn:s3:::b/*", "arn:aws-us-gov:s3:::b"})
    void shouldAcceptResourcesOfTheBucket(String resource) {
        BucketPolicy.parse(document(statement("").replace("s3:GetObject", "s3:*").replace("arn:aws:s3:::b/*", resource)), "b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "", "b", "b/*", "arn:aws:s3:::*", "arn:aws:s3:::b*", "arn:aws:s3:::b?", "arn:aws:s3:::bb",
            "arn:aws:s3:::bb/*", "arn:aws:s3:::other/*", "arn:aws:s3:::B/*", "arn:aws:s3:::", "arn:aws:s3:::/b", "arn:aws:s3::b/*",
            "arn:aws:s3:us-east-1::b/*", "arn:aws:s3::111122223333:b/*", "arn:aws:sqs:::b", "arn:aws:iam::111122223333:root",
            "arn:aws-eu:s3:::b/*", "arn:*:s3:::b/*", "ARN:AWS:S3:::b/*", " arn:aws:s3:::b/*"})
    void shouldRefuseResourcesOutsideTheBucket(String resource) {
        malformed("Policy has invalid resource", document(statement("").replace("\"arn:aws:s3:::b/*\"", "\"" + resource + "\"")));
        malformed("Policy has invalid resource", document(statement("").replace("\"arn:aws:s3:::b/*\"",
                "[\"arn:aws:s3:::b/*\",\"" + resource + "\"]")));
        malformed("Policy has invalid resource", document(statement("").replace("\"Resource\"", "\"NotResource\"")
                .replace("\"arn:aws:s3:::b/*\"", "\"" + resource + "\"")));
    }

    @Test
    void shouldCheckResourcesAgainstTheBucketThatGetsThePolicy() {
        String text = document(statement("").replace("arn:aws:s3:::b/*", "arn:aws:s3:::photos.example/*"));
        BucketPolicy.parse(text, "photos.example");
        malformed("Policy has invalid resource", text);
        failsWith("MalformedPolicy", "Policy has invalid resource", () -> BucketPolicy.parse(text, "photos"));
        failsWith("MalformedPolicy", "Policy has invalid resource", () -> BucketPolicy.parse(text, "photosXexample"));
    }

    @Test
    void shouldRefuseActionsThatApplyToNoResourceOfTheStatement() {
        String mismatch = "Action does not apply to any resource(s) in statement";
        for (String[] pair : new String[][]{{"\"s3:GetObject\"", "\"arn:aws:s3:::b\""}, {"\"s3:PutObject\"", "\"arn:aws:s3:::b\""},
                {"\"s3:*Object\"", "\"arn:aws:s3:::b\""}, {"\"s3:GetObject?cl\"", "\"arn:aws:s3:::b\""},
                {"\"s3:ListBucket\"", "\"arn:aws:s3:::b/*\""}, {"\"s3:LISTBUCKET\"", "\"arn:aws:s3:::b/*\""},
                {"\"s3:PutBucketPolicy\"", "\"arn:aws:s3:::b/policy\""}, {"\"s3:*BucketPolicy\"", "\"arn:aws:s3:::b/*\""},
                {"[\"s3:GetObject\",\"s3:ListBucket\"]", "\"arn:aws:s3:::b/*\""},
                {"[\"s3:*\",\"s3:ListBucket\"]", "[\"arn:aws:s3:::b/*\",\"arn:aws:s3:::b/a\"]"}}) {
            malformed(mismatch, document(statement("").replace("\"s3:GetObject\"", pair[0]).replace("\"arn:aws:s3:::b/*\"", pair[1])));
            malformed(mismatch, document(statement("").replace("Allow", "Deny").replace("\"s3:GetObject\"", pair[0])
                    .replace("\"arn:aws:s3:::b/*\"", pair[1])));
        }
        for (String[] pair : new String[][]{{"\"s3:GetObject\"", "\"arn:aws:s3:::b/\""}, {"\"s3:ListBucket\"", "\"arn:aws:s3:::b\""},
                {"[\"s3:GetObject\",\"s3:ListBucket\"]", "[\"arn:aws:s3:::b\",\"arn:aws:s3:::b/*\"]"}, {"\"s3:Get*\"", "\"arn:aws:s3:::b\""},
                {"\"s3:List*\"", "\"arn:aws:s3:::b/*\""}, {"\"s3:*Bucket*\"", "\"arn:aws:s3:::b/*\""},
                {"\"s3:ListAllMyBuckets\"", "\"arn:aws:s3:::b/*\""}, {"\"s3:NotARealAction\"", "\"arn:aws:s3:::b\""}}) {
            BucketPolicy.parse(document(statement("").replace("\"s3:GetObject\"", pair[0]).replace("\"arn:aws:s3:::b/*\"", pair[1])), "b");
        }
        // NotAction and NotResource say what a statement is not about: no kind to check
        BucketPolicy.parse(document(statement("").replace("\"Action\":\"s3:GetObject\"", "\"NotAction\":\"s3:ListBucket\"")), "b");
        BucketPolicy.parse(document(statement("").replace("\"Resource\":\"arn:aws:s3:::b/*\"", "\"NotResource\":\"arn:aws:s3:::b\"")), "b");
    }

    @Test
    void shouldReadConditionOperatorsAsIamNamesThem() {
        for (ConditionOperator.Type type : ConditionOperator.Type.values()) {
            String name = type.awsName();
            List<String> forms = type == ConditionOperator.Type.NULL ? List.of(name, "ForAnyValue:" + name)
                    : List.of(name, name + "IfExists", "ForAllValues:" + name, "ForAnyValue:" + name + "IfExists", name.toLowerCase());
            for (String form : forms) {
                BucketPolicy policy = BucketPolicy.parse(document(statement(",\"Condition\":{\"" + form + "\":{\"aws:key\":\"1\"}}")), "b");
                ConditionOperator operator = policy.statements().get(0).conditions().get(0).operator();
                assertEquals(type, operator.type(), form);
                assertEquals(form, operator.name());
            }
        }
        ConditionOperator operator = ConditionOperator.parse("ForAllValues:StringLikeIfExists").orElseThrow();
        assertEquals(ConditionOperator.Qualifier.FOR_ALL_VALUES, operator.qualifier());
        assertTrue(operator.ifExists());
    }

    @ParameterizedTest
    @ValueSource(strings = {"StringEqualz", "Equals", "", "String Equals", "StringEquals ", "IfExists", "ForAllValues:",
            "ForAnyValue:IfExists", "ForAllValue:StringEquals", "ForAnyValues:StringEquals", "StringEquals:ForAnyValue",
            "ForAnyValue:ForAllValues:StringEquals", "StringEqualsIfExistsIfExists", "StringEqualsIfExist", "NullIfExists",
            "NotStringEquals", "DateBefore", "BinaryNotEquals"})
    void shouldRefuseUnknownConditionOperators(String operator) {
        malformed("Invalid Condition type : " + operator, document(statement(",\"Condition\":{\"" + operator + "\":{\"aws:key\":\"a\"}}")));
    }

    @Test
    void shouldRefuseConditionValuesThatAreNotScalars() {
        for (String condition : List.of("\"StringEquals\"", "[]", "{\"StringEquals\":\"aws:username\"}",
                "{\"StringEquals\":{\"aws:username\":null}}", "{\"StringEquals\":{\"aws:username\":{}}}",
                "{\"StringEquals\":{\"aws:username\":[[\"a\"]]}}", "{\"StringEquals\":{\"aws:username\":[null]}}")) {
            malformed(SYNTAX, document(statement(",\"Condition\":" + condition)));
        }
        Condition condition = BucketPolicy.parse(document(statement(",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":[true,\"false\",1.5]}}")),
                "b").statements().get(0).conditions().get(0);
        assertEquals(List.of("true", "false", "1.5"), condition.values());
        assertEquals(0, BucketPolicy.parse(document(statement(",\"Condition\":{\"StringEquals\":{}}")), "b").statements().get(0)
                .conditions().size());
    }

    static String statement(String extra) {
        return "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"" + extra + "}";
    }

    static String document(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    private static void malformed(String message, String text) {
        failsWith("MalformedPolicy", message, () -> BucketPolicy.parse(text, "b"));
    }
}
