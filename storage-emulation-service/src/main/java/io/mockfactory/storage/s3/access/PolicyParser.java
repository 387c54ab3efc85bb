package io.mockfactory.storage.s3.access;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates a bucket policy as PutBucketPolicy does, refusing what S3 refuses with S3's MalformedPolicy
 * messages. Element names are case-sensitive and may appear once per object, as in S3.
 */
final class PolicyParser {
    static final String NOT_JSON = "Policies must be valid JSON and the first byte must be '{'";
    static final String SYNTAX = "Invalid policy syntax.";
    static final String INVALID_PRINCIPAL = "Invalid principal in policy";
    static final String INVALID_ACTION = "Policy has invalid action";
    static final String INVALID_RESOURCE = "Policy has invalid resource";
    static final String RESOURCE_MISMATCH = "Action does not apply to any resource(s) in statement";

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);
    private static final Pattern ACTION = Pattern.compile("\\*|[sS]3:[A-Za-z0-9*?]+");
    private static final Pattern RESOURCE = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):s3:::([^/]*)(/.*)?", Pattern.DOTALL);
    private static final Set<String> POLICY_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "CanonicalUser", "Service", "Federated");

    private PolicyParser() {
    }

    static BucketPolicy parse(String text, String bucket) {
        if (text.getBytes(StandardCharsets.UTF_8).length > BucketPolicy.MAX_BYTES) {
            throw malformed("Policy exceeds the maximum allowed document size.");
        }
        // White space before the object is accepted; anything else (a byte order mark too) is not
        int first = 0;
        while (first < text.length() && " \t\r\n".indexOf(text.charAt(first)) >= 0) {
            first++;
        }
        if (first == text.length() || text.charAt(first) != '{') {
            throw malformed(NOT_JSON);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonParseException e) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            throw malformed(duplicate.matches() ? "Statement/policy already has instance of " + duplicate.group(1) : NOT_JSON);
        } catch (JsonProcessingException e) {
            throw malformed(NOT_JSON);
        }
        unknownFields(root, POLICY_FIELDS);
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual() && BucketPolicy.VERSIONS.contains(version.asText()))) {
            throw malformed("The policy must contain a valid version string");
        }
        JsonNode id = root.get("Id");
        if (id != null && !id.isTextual()) {
            throw malformed(SYNTAX);
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode statement : statementNodes(root.get("Statement"))) {
            statements.add(statement(statement, bucket));
        }
        return new BucketPolicy(text, version == null ? null : version.asText(), id == null ? null : id.asText(), statements);
    }

    private static List<JsonNode> statementNodes(JsonNode node) {
        if (node == null) {
            throw malformed("Missing required field Statement");
        }
        if (node.isObject()) {
            return List.of(node);
        }
        if (!node.isArray()) {
            throw malformed(SYNTAX);
        }
        if (node.isEmpty()) {
            throw malformed("Could not parse the policy: Statement is empty!");
        }
        List<JsonNode> nodes = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isObject()) {
                throw malformed(SYNTAX);
            }
            nodes.add(element);
        }
        return nodes;
    }

    private static Statement statement(JsonNode node, String bucket) {
        unknownFields(node, STATEMENT_FIELDS);
        for (String element : List.of("Principal", "Action", "Resource")) {
            if (node.has(element) && node.has("Not" + element)) {
                throw malformed("Statement/policy already has instance of " + element);
            }
        }
        JsonNode sid = node.get("Sid");
        if (sid != null && !sid.isTextual()) {
            throw malformed(SYNTAX);
        }
        Statement.Effect effect = effect(node.get("Effect"));
        boolean notPrincipal = node.has("NotPrincipal");
        JsonNode principalNode = notPrincipal ? node.get("NotPrincipal") : node.get("Principal");
        if (principalNode == null) {
            throw malformed("Missing required field Principal");
        }
        boolean notAction = node.has("NotAction");
        List<String> actions = required(node, notAction ? "NotAction" : "Action", "Action");
        boolean notResource = node.has("NotResource");
        List<String> resources = required(node, notResource ? "NotResource" : "Resource", "Resource");
        PolicyPrincipal principal = principal(principalNode);
        if (!actions.stream().allMatch(action -> ACTION.matcher(action).matches())) {
            throw malformed(INVALID_ACTION);
        }
        boolean bucketResource = false;
        boolean objectResource = false;
        for (String resource : resources) {
            Matcher m = RESOURCE.matcher(resource);
            if (!m.matches() || !m.group(2).equals(bucket)) {
                throw malformed(INVALID_RESOURCE);
            }
            bucketResource |= m.group(3) == null;
            objectResource |= m.group(3) != null;
        }
        List<Condition> conditions = PolicyConditions.parse(node.get("Condition"));
        // Only a positive list says what the statement is about; NotAction and NotResource cover "everything else"
        if (!notAction && !notResource) {
            for (String action : actions) {
                if (!ActionCatalog.appliesTo(action, bucketResource, objectResource)) {
                    throw malformed(RESOURCE_MISMATCH);
                }
            }
        }
        return new Statement(sid == null ? null : sid.asText(), effect, principal, notPrincipal, actions, notAction,
                resources, notResource, conditions);
    }

    private static Statement.Effect effect(JsonNode node) {
        if (node == null) {
            throw malformed("Missing required field Effect");
        }
        if (node.isContainerNode()) {
            throw malformed(SYNTAX);
        }
        return switch (node.asText()) {
            case "Allow" -> Statement.Effect.ALLOW;
            case "Deny" -> Statement.Effect.DENY;
            default -> throw malformed("Invalid effect: " + node.asText());
        };
    }

    /** Action or Resource (or its Not form): a string or a non-empty list of strings. */
    private static List<String> required(JsonNode statement, String field, String element) {
        JsonNode node = statement.get(field);
        if (node == null) {
            throw malformed("Missing required field " + element);
        }
        List<String> values = strings(node);
        if (values == null) {
            throw malformed(SYNTAX);
        }
        if (values.isEmpty()) {
            throw malformed("Missing required field " + element + " cannot be empty!");
        }
        return values;
    }

    private static PolicyPrincipal principal(JsonNode node) {
        if (node.isTextual() && node.asText().equals("*")) {
            return PolicyPrincipal.EVERYONE;
        }
        if (!node.isObject() || node.isEmpty()) {
            throw malformed(INVALID_PRINCIPAL);
        }
        List<String> aws = List.of();
        List<String> canonical = List.of();
        List<String> services = List.of();
        List<String> federated = List.of();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<String> values = strings(field.getValue());
            if (!PRINCIPAL_TYPES.contains(field.getKey()) || values == null || values.isEmpty()) {
                throw malformed(INVALID_PRINCIPAL);
            }
            switch (field.getKey()) {
                case "AWS" -> {
                    if (!values.stream().allMatch(PolicyPrincipal::validAws)) {
                        throw malformed(INVALID_PRINCIPAL);
                    }
                    aws = values;
                }
                case "CanonicalUser" -> canonical = values;
                case "Service" -> services = values;
                default -> federated = values;
            }
        }
        return new PolicyPrincipal(false, aws, canonical, services, federated);
    }

    /** A string or a list of strings; null for anything else. */
    static List<String> strings(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                return null;
            }
            values.add(element.asText());
        }
        return values;
    }

    private static void unknownFields(JsonNode node, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw malformed("Unknown field " + name);
            }
        }
    }

    static S3Exception malformed(String message) {
        return S3Error.MALFORMED_POLICY.exception(message);
    }
}
