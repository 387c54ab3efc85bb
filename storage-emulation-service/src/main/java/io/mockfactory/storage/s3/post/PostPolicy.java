package io.mockfactory.storage.s3.post;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A POST policy (base64 of a JSON document): when it expires and the conditions every upload signed with it must
 * meet. Checked as S3 checks it: every condition must hold (exact match, prefix, or the file's size range), and every
 * form field must be named by some condition, so that a signed form cannot be extended with fields its signer never
 * saw (a different ACL, metadata, a redirect).
 */
final class PostPolicy {
    private static final JsonMapper JSON = JsonMapper.builder()
            // S3's policies escape '$' as "\$" (see its POST policy character escaping), which strict JSON does not allow
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Instant expiration;
    private final List<Match> matches;
    private final List<LengthRange> ranges;

    /** An {@code eq} or {@code starts-with} condition on a field (lower-case, without its '$'), as written for errors. */
    record Match(boolean exact, String field, String value, String written) {
    }

    /** {@code ["content-length-range", min, max]}: bounds of the file's size, inclusive. */
    record LengthRange(long min, long max) {
    }

    private PostPolicy(Instant expiration, List<Match> matches, List<LengthRange> ranges) {
        this.expiration = expiration;
        this.matches = matches;
        this.ranges = ranges;
    }

    static PostPolicy parse(String base64) {
        JsonNode root;
        try {
            // Line breaks are tolerated (some encoders wrap), nothing else outside the alphabet
            byte[] json = Base64.getDecoder().decode(base64.replaceAll("[\\r\\n\\t ]", ""));
            root = JSON.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw invalid("Invalid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw invalid("Invalid JSON.");
        }
        JsonNode expiration = root.get("expiration");
        if (expiration == null) {
            throw invalid("Policy missing expiration.");
        }
        JsonNode conditions = root.get("conditions");
        if (conditions == null) {
            throw invalid("Policy missing conditions.");
        }
        if (!conditions.isArray()) {
            throw invalid("Invalid 'conditions' value: it must be a list.");
        }
        List<Match> matches = new ArrayList<>();
        List<LengthRange> ranges = new ArrayList<>();
        for (JsonNode condition : conditions) {
            if (condition.isObject()) {
                matches.add(simpleCondition(condition));
            } else if (condition.isArray()) {
                listCondition(condition, matches, ranges);
            } else {
                throw invalid("Invalid Condition: each condition must be an object or a list: " + written(condition));
            }
        }
        return new PostPolicy(expiration(expiration), List.copyOf(matches), List.copyOf(ranges));
    }

    /** ISO 8601 in UTC, with or without fractions of a second ({@code 2007-12-01T12:00:00.000Z}). */
    private static Instant expiration(JsonNode node) {
        if (!node.isTextual()) {
            throw invalid("Invalid 'expiration' value: '" + node + "'");
        }
        try {
            return OffsetDateTime.parse(node.asText().strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("Invalid 'expiration' value: '" + node.asText() + "'");
        }
    }

    /** {@code {"field": "value"}}: an exact match. */
    private static Match simpleCondition(JsonNode condition) {
        if (condition.size() != 1) {
            throw invalid("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
        }
        Map.Entry<String, JsonNode> only = condition.fields().next();
        if (!only.getValue().isTextual()) {
            throw invalid("Invalid Simple-Condition: value must be a string.");
        }
        return new Match(true, only.getKey().toLowerCase(Locale.ROOT), only.getValue().asText(), written(condition));
    }

    private static void listCondition(JsonNode condition, List<Match> matches, List<LengthRange> ranges) {
        if (condition.size() != 3 || !condition.get(0).isTextual()) {
            throw invalid("Invalid Condition: a condition list has an operator and two values: " + written(condition));
        }
        String operator = condition.get(0).asText().toLowerCase(Locale.ROOT);
        switch (operator) {
            case "eq", "starts-with" -> {
                String field = condition.get(1).asText();
                if (!condition.get(1).isTextual() || !field.startsWith("$") || !condition.get(2).isTextual()) {
                    throw invalid("Invalid Condition: " + written(condition) + " must compare a $field with a string.");
                }
                matches.add(new Match(operator.equals("eq"), field.substring(1).toLowerCase(Locale.ROOT),
                        condition.get(2).asText(), written(condition)));
            }
            case "content-length-range" -> {
                long min = length(condition.get(1), condition);
                long max = length(condition.get(2), condition);
                if (min > max) {
                    throw invalid("Invalid content-length-range: the minimum is larger than the maximum.");
                }
                ranges.add(new LengthRange(min, max));
            }
            default -> throw invalid("Invalid Condition: unknown operator '" + condition.get(0).asText() + "'.");
        }
    }

    private static long length(JsonNode bound, JsonNode condition) {
        long value;
        if (bound.isIntegralNumber() && bound.canConvertToLong()) {
            value = bound.asLong();
        } else if (bound.isTextual() && bound.asText().strip().matches("[0-9]{1,18}")) {
            value = Long.parseLong(bound.asText().strip());
        } else {
            throw invalid("Invalid content-length-range: " + written(condition) + " must bound the size with integers.");
        }
        if (value < 0) {
            throw invalid("Invalid content-length-range: " + written(condition) + " must bound the size with integers.");
        }
        return value;
    }

    /**
     * Expiry, then each condition in order, then that no field goes unnamed.
     *
     * @param fields the form's fields by lower-case name as they will be used (the key with ${filename} expanded),
     *               and {@code bucket}, the bucket the form was posted to
     */
    void check(Map<String, String> fields, Instant now) {
        if (!now.isBefore(expiration)) {
            throw denied("Policy expired.");
        }
        for (Match match : matches) {
            if (!holds(match, fields.get(match.field()))) {
                throw denied("Policy Condition failed: " + match.written());
            }
        }
        List<String> extra = new ArrayList<>();
        for (String name : fields.keySet()) {
            if (!exempt(name) && matches.stream().noneMatch(match -> match.field().equals(name))) {
                extra.add(name);
            }
        }
        if (!extra.isEmpty()) {
            throw denied("Extra input fields: " + String.join(", ", extra));
        }
    }

    /** The file's size against every content-length-range (the policy may have none). */
    void checkLength(long size) {
        for (LengthRange range : ranges) {
            if (size < range.min()) {
                throw S3Error.ENTITY_TOO_SMALL.exception("Your proposed upload is smaller than the minimum allowed size")
                        .with("ProposedSize", String.valueOf(size)).with("MinSizeAllowed", String.valueOf(range.min()));
            }
            if (size > range.max()) {
                throw tooLarge(size, range.max());
            }
        }
    }

    /** The largest file any content-length-range allows, or {@code Long.MAX_VALUE} when none bounds it. */
    long maxLength() {
        return ranges.stream().mapToLong(LengthRange::max).min().orElse(Long.MAX_VALUE);
    }

    static S3Exception tooLarge(Long proposed, long max) {
        return S3Error.ENTITY_TOO_LARGE.exception().with("ProposedSize", proposed == null ? null : String.valueOf(proposed))
                .with("MaxSizeAllowed", String.valueOf(max));
    }

    private static boolean holds(Match match, String value) {
        if (match.exact()) {
            return value != null && value.equals(match.value());
        }
        // Prefix matching is for what the uploader may choose; S3 takes only exact values for the rest
        if (exactOnly(match.field())) {
            return false;
        }
        if (match.value().isEmpty()) {
            return true;
        }
        if (value == null) {
            return false;
        }
        if (match.field().equals("content-type")) {
            // A list of types must be all of the allowed kind
            for (String type : value.split(",")) {
                if (!type.strip().startsWith(match.value())) {
                    return false;
                }
            }
            return true;
        }
        return value.startsWith(match.value());
    }

    private static boolean exactOnly(String field) {
        return field.equals("bucket") || field.equals("success_action_status")
                || (field.startsWith("x-amz-") && !field.startsWith("x-amz-meta-"));
    }

    /** Fields no condition needs to name: the policy and signature themselves, the file, and {@code x-ignore-*}. */
    static boolean exempt(String field) {
        return switch (field) {
            case "policy", "x-amz-signature", "signature", "awsaccesskeyid", PostForm.FILE -> true;
            default -> field.startsWith("x-ignore-");
        };
    }

    /** A condition as S3 quotes it in its errors: {@code ["eq", "$key", "a"]}, {@code {"bucket": "b"}}. */
    private static String written(JsonNode node) {
        if (node.isArray()) {
            List<String> elements = new ArrayList<>();
            node.forEach(element -> elements.add(written(element)));
            return "[" + String.join(", ", elements) + "]";
        }
        if (node.isObject()) {
            List<String> members = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                members.add(new com.fasterxml.jackson.databind.node.TextNode(member.getKey()) + ": " + written(member.getValue()));
            }
            return "{" + String.join(", ", members) + "}";
        }
        return node.toString();
    }

    private static S3Exception invalid(String why) {
        return S3Error.INVALID_POLICY_DOCUMENT.exception("Invalid Policy: " + why);
    }

    private static S3Exception denied(String why) {
        return S3Error.ACCESS_DENIED.exception("Invalid according to Policy: " + why);
    }
}
