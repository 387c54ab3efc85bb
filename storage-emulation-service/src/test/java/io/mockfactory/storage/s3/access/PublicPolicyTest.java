package io.mockfactory.storage.s3.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AWS's "The meaning of public" for bucket policies. */
class PublicPolicyTest {
    private static final String OBJECTS = "arn:aws:s3:::b/*";

    @Test
    void shouldCallAStatementForEveryonePublic() {
        assertTrue(isPublic(statement("\"*\"", "")));
        assertTrue(isPublic(statement("{\"AWS\":\"*\"}", "")));
        assertTrue(isPublic(statement("{\"AWS\":[\"111122223333\",\"*\"]}", "")));
        assertTrue(isPublic(statement("{\"Service\":\"s3.amazonaws.com\",\"AWS\":[\"*\"]}", "")));
        assertFalse(isPublic(statement("{\"AWS\":\"111122223333\"}", "")));
        assertFalse(isPublic(statement("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", "")));
        assertFalse(isPublic(statement("{\"CanonicalUser\":\"*\"}", "")));
        assertFalse(isPublic(statement("{\"Service\":\"cloudfront.amazonaws.com\"}", "")));
        assertFalse(isPublic(statement("\"*\"", "").replace("Allow", "Deny")), "a Deny gives nothing");
        assertFalse(PublicPolicy.isPublic(null));
    }

    @Test
    void shouldCallANotPrincipalAllowPublicUnlessItExcludesEveryone() {
        assertTrue(isPublic(statement("", "").replace("\"Principal\":", "\"NotPrincipal\":{\"AWS\":\"111122223333\"}")));
        assertFalse(isPublic(statement("", "").replace("\"Principal\":", "\"NotPrincipal\":\"*\"")));
        assertFalse(isPublic(statement("", "").replace("\"Principal\":", "\"NotPrincipal\":{\"AWS\":\"*\"}")));
    }

    @Test
    void shouldCallAPolicyPublicIfAnyStatementIs() {
        String vpc = ",\"Condition\":{\"StringEquals\":{\"aws:SourceVpc\":\"vpc-91237329\"}}";
        assertTrue(PublicPolicy.isPublic(BucketPolicy.parse("{\"Statement\":[" + one("{\"AWS\":\"111122223333\"}", "") + ","
                + one("\"*\"", "") + "]}", "b")));
        assertFalse(PublicPolicy.isPublic(BucketPolicy.parse("{\"Statement\":[" + one("{\"AWS\":\"111122223333\"}", "") + ","
                + one("\"*\"", vpc) + "]}", "b")));
    }

    @Test
    void shouldLetAFixedValueOfAKnownKeyMakeAStatementNotPublic() {
        for (String[] keyValue : new String[][]{{"aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic"}, {"aws:SourceVpc", "vpc-1"},
                {"aws:SourceVpce", "vpce-1a2b3c4d"}, {"aws:SourceOwner", "111122223333"}, {"aws:SourceAccount", "111122223333"},
                {"aws:userid", "AROAEXAMPLEID:session"}, {"aws:PrincipalOrgID", "o-a1b2c3d4e5"},
                {"aws:PrincipalArn", "arn:aws:iam::111122223333:role/reader"}, {"aws:PrincipalAccount", "111122223333"},
                {"s3:x-amz-server-side-encryption-aws-kms-key-id", "arn:aws:kms:us-east-1:111122223333:key/1"},
                {"s3:DataAccessPointAccount", "111122223333"}}) {
            String key = keyValue[0];
            String value = "\"" + keyValue[1] + "\"";
            for (String fixing : List.of("{\"StringEquals\":{\"" + key + "\":" + value + "}}",
                    "{\"StringEquals\":{\"" + key.toUpperCase() + "\":[" + value + "," + value + "]}}",
                    "{\"stringequals\":{\"" + key + "\":" + value + "}}", "{\"StringEqualsIgnoreCase\":{\"" + key + "\":" + value + "}}",
                    "{\"StringLike\":{\"" + key + "\":" + value + "}}", "{\"ForAnyValue:StringEquals\":{\"" + key + "\":" + value + "}}",
                    "{\"StringEquals\":{\"" + key + "\":" + value + "},\"Bool\":{\"aws:SecureTransport\":\"true\"}}")) {
                assertFalse(isPublic(statement("\"*\"", ",\"Condition\":" + fixing)), fixing);
            }
            // These hold for a request without the value, or let in values that are not fixed
            for (String open : List.of("{\"StringNotEquals\":{\"" + key + "\":" + value + "}}",
                    "{\"StringNotLike\":{\"" + key + "\":" + value + "}}", "{\"StringEqualsIfExists\":{\"" + key + "\":" + value + "}}",
                    "{\"ForAllValues:StringEquals\":{\"" + key + "\":" + value + "}}", "{\"Null\":{\"" + key + "\":\"false\"}}",
                    "{\"StringLike\":{\"" + key + "\":\"*\"}}", "{\"StringLike\":{\"" + key + "\":[" + value + ",\"a*\"]}}",
                    "{\"StringEquals\":{\"" + key + "\":\"${aws:username}\"}}", "{\"StringEquals\":{\"" + key + "\":[]}}")) {
                assertTrue(isPublic(statement("\"*\"", ",\"Condition\":" + open)), open);
            }
        }
    }

    @Test
    void shouldNotLetOtherKeysFixAStatement() {
        for (String condition : List.of("{\"StringEquals\":{\"aws:username\":\"alice\"}}", "{\"StringLike\":{\"aws:Referer\":\"https://a/*\"}}",
                "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}", "{\"StringEquals\":{\"s3:prefix\":\"public/\"}}",
                "{\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}}", "{\"IpAddress\":{\"aws:VpcSourceIp\":\"10.0.0.0/8\"}}",
                "{}", "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:111122223333:t\"}}",
                "{\"ArnNotEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:111122223333:t\"}}",
                "{\"StringLike\":{\"aws:userid\":\"AROAEXAMPLEID:*\"}}",
                "{\"StringLike\":{\"s3:DataAccessPointArn\":\"arn:aws:s3:us-west-2:*:accesspoint/*\"}}",
                "{\"StringLike\":{\"s3:DataAccessPointArn\":\"arn:aws:s3:*:123456789012:accesspoint/*\"}}")) {
            assertTrue(isPublic(statement("\"*\"", ",\"Condition\":" + condition)), condition);
        }
        for (String condition : List.of("{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:111122223333:t\"}}",
                "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:111122223333:t\"}}",
                "{\"StringLike\":{\"s3:DataAccessPointArn\":\"arn:aws:s3:us-west-2:123456789012:accesspoint/*\"}}",
                "{\"StringEquals\":{\"aws:SourceAccount\":111122223333}}")) {
            assertFalse(isPublic(statement("\"*\"", ",\"Condition\":" + condition)), condition);
        }
    }

    @Test
    void shouldLetOnlyANarrowSourceIpRangeFixAStatement() {
        for (String range : List.of("203.0.113.7", "203.0.113.0/24", "10.0.0.0/8", "2001:db8::1", "2001:db8::/32")) {
            assertFalse(sourceIp("IpAddress", "\"" + range + "\""), range);
        }
        for (String range : List.of("10.0.0.0/7", "0.0.0.0/0", "2001:db8::/31", "::/0", "not an address")) {
            assertTrue(sourceIp("IpAddress", "\"" + range + "\""), range);
        }
        assertTrue(sourceIp("IpAddress", "[\"203.0.113.0/24\",\"0.0.0.0/0\"]"), "one wide range opens it");
        assertFalse(sourceIp("ForAnyValue:IpAddress", "\"203.0.113.0/24\""));
        assertTrue(sourceIp("NotIpAddress", "\"203.0.113.0/24\""));
        assertTrue(sourceIp("IpAddressIfExists", "\"203.0.113.0/24\""));
        assertTrue(sourceIp("ForAllValues:IpAddress", "\"203.0.113.0/24\""));
    }

    @Test
    void shouldAnswerThePolicyStatus() {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PolicyStatus xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<IsPublic>true</IsPublic></PolicyStatus>", PublicPolicy.statusXml(BucketPolicy.parse(statement("\"*\"", ""), "b")));
        assertTrue(PublicPolicy.statusXml(BucketPolicy.parse(statement("{\"AWS\":\"111122223333\"}", ""), "b"))
                .contains("<IsPublic>false</IsPublic>"));
    }

    private static boolean sourceIp(String operator, String ranges) {
        return isPublic(statement("\"*\"", ",\"Condition\":{\"" + operator + "\":{\"aws:SourceIp\":" + ranges + "}}"));
    }

    private static String one(String principal, String extra) {
        return "{\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":\"s3:GetObject\",\"Resource\":\"" + OBJECTS + "\"" + extra + "}";
    }

    private static String statement(String principal, String extra) {
        return "{\"Statement\":[" + one(principal, extra) + "]}";
    }

    private static boolean isPublic(String text) {
        return PublicPolicy.isPublic(BucketPolicy.parse(text, "b"));
    }
}
