package io.mockfactory.storage.s3.access;

import io.mockfactory.storage.s3.Xml;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * AWS's definition of a public bucket policy (what BlockPublicPolicy refuses, RestrictPublicBuckets restricts and
 * GetBucketPolicyStatus reports): an Allow statement for everyone ("*", {"AWS":"*"}, or a NotPrincipal) that no
 * condition fixes to known callers. Fixing conditions: aws:SourceIp within an IPv4 /8 or IPv6 /32 or narrower, or a
 * fixed value (no wildcard, no policy variable) of aws:SourceArn, aws:SourceVpc(e), aws:SourceOwner,
 * aws:SourceAccount, aws:PrincipalAccount, aws:PrincipalArn, aws:PrincipalOrgID, aws:userid and a few S3 keys.
 */
public final class PublicPolicy {
    private static final Set<String> FIXING_KEYS = Set.of("aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce",
            "aws:sourceowner", "aws:sourceaccount", "aws:userid", "aws:principalorgid", "aws:principalarn",
            "aws:principalaccount", "s3:x-amz-server-side-encryption-aws-kms-key-id", "s3:dataaccesspointarn",
            "s3:dataaccesspointaccount");

    private PublicPolicy() {
    }

    public static boolean isPublic(BucketPolicy policy) {
        return policy != null && policy.statements().stream().anyMatch(PublicPolicy::isPublicStatement);
    }

    /** The GetBucketPolicyStatus answer for the bucket's policy. */
    public static String statusXml(BucketPolicy policy) {
        return Xml.document("PolicyStatus").element("IsPublic", isPublic(policy)).end("PolicyStatus");
    }

    static boolean isPublicStatement(Statement statement) {
        if (statement.effect() != Statement.Effect.ALLOW) {
            return false;
        }
        // NotPrincipal names whom it is not for, so it is for everyone else, unless it excludes everyone
        boolean everyone = statement.principal().isEveryone() != statement.notPrincipal();
        return everyone && statement.conditions().stream().noneMatch(PublicPolicy::fixes);
    }

    /** Whether a condition only lets in callers AWS considers known (so the statement is not public). */
    static boolean fixes(Condition condition) {
        ConditionOperator operator = condition.operator();
        List<String> values = condition.values();
        // …IfExists and ForAllValues hold for a request without the key: they let anyone in
        if (operator.ifExists() || operator.qualifier() == ConditionOperator.Qualifier.FOR_ALL_VALUES || values.isEmpty()) {
            return false;
        }
        String key = condition.key().toLowerCase(Locale.ROOT);
        return switch (operator.type()) {
            case IP_ADDRESS -> key.equals("aws:sourceip") && values.stream().allMatch(PublicPolicy::narrowRange);
            case STRING_EQUALS, STRING_EQUALS_IGNORE_CASE -> FIXING_KEYS.contains(key) && values.stream().allMatch(PublicPolicy::noVariable);
            case STRING_LIKE, ARN_EQUALS, ARN_LIKE -> FIXING_KEYS.contains(key)
                    && values.stream().allMatch(value -> noVariable(value) && fixedPattern(key, value));
            default -> false;
        };
    }

    private static boolean narrowRange(String value) {
        IpRange range = IpRange.parse(value);
        return range != null && range.prefix() >= (range.isIpv4() ? 8 : 32);
    }

    /** A policy variable (${aws:username}) takes each caller's value, so it fixes nothing; the escapes are literals. */
    private static boolean noVariable(String value) {
        return !value.replace("${*}", "").replace("${?}", "").replace("${$}", "").contains("${");
    }

    private static boolean fixedPattern(String key, String value) {
        if (!Glob.compile(value).hasWildcard()) {
            return true;
        }
        // Every access point of one account in one region is still a known set of callers
        if (key.equals("s3:dataaccesspointarn")) {
            String[] parts = value.split(":", 6);
            return parts.length == 6 && fixedPart(parts[3]) && fixedPart(parts[4]);
        }
        return false;
    }

    private static boolean fixedPart(String part) {
        return !part.isEmpty() && !Glob.compile(part).hasWildcard();
    }
}
