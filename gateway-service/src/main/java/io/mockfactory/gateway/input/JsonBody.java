package io.mockfactory.gateway.input;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.mockfactory.kit.web.Problem.FieldError;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import io.mockfactory.kit.web.StorableText;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request body read strictly at the edge. It must be a JSON object; every string anywhere in it (keys included) must
 * be storable ({@link StorableText}, else 400 naming the field); and the fields a route reads must have their JSON
 * type, with no coercion ({@code "name": 123} is not a name, {@code true} and {@code 1.5} are not minutes): else 422
 * with every wrong field listed. Fields a route does not read are ignored, as the API documents.
 */
public final class JsonBody {
    private final JsonNode root;
    private final List<FieldError> errors = new ArrayList<>();

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    public static JsonBody parse(@Nullable byte[] body, JsonMapper json) {
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "A JSON body is required.");
        }
        JsonNode root;
        try {
            root = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            // Never the parser's message: it may quote the body
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body must be a JSON object.");
        }
        requireStorable("", root);
        return new JsonBody(root);
    }

    public JsonNode root() {
        return root;
    }

    /** @return the string at {@code field}, or null when absent or null; wrong types and lengths are recorded */
    @Nullable
    public String string(String field, int maxLength) {
        return string(root, field, field, maxLength);
    }

    @Nullable
    public String string(JsonNode parent, String name, String field, int maxLength) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        if (value.getStringValue().length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
            return null;
        }
        return value.getStringValue();
    }

    /** @return the whole number at {@code field} within [min, max], or null when absent, null or wrong (recorded) */
    @Nullable
    public Integer wholeNumber(String field, int min, int max) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String range = "must be a whole number between " + min + " and " + max;
        if (!value.isNumber() || !isIntegral(value.getNumberValue())) {
            errors.add(new FieldError(field, range));
            return null;
        }
        long number = value.getNumberValue() instanceof BigInteger big
                ? big.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue()
                : value.getNumberValue().longValue();
        if (number < min || number > max) {
            errors.add(new FieldError(field, range));
            return null;
        }
        return (int) number;
    }

    /** @return the object at {@code field}, or null when absent or null; another type is recorded */
    @Nullable
    public JsonNode object(JsonNode parent, String name, String field) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            errors.add(new FieldError(field, "must be an object"));
            return null;
        }
        return value;
    }

    public void reject(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws the 422 listing every field error recorded so far, if any. */
    public void requireValid(String detail) {
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, detail, errors);
        }
    }

    private static boolean isIntegral(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().scale() <= 0;
        }
        return number instanceof Integer || number instanceof Long || number instanceof BigInteger
                || number instanceof Short || number instanceof Byte;
    }

    private static void requireStorable(String path, JsonNode node) {
        if (node.isString()) {
            StorableText.require(path.isEmpty() ? "body" : path, node.getStringValue());
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.entries()) {
                String name = entry.getKey();
                java.util.Optional<String> nameDefect = StorableText.defect(name);
                if (nameDefect.isPresent()) {
                    throw StorableText.refusal(path.isEmpty() ? "body" : path, "must not have a field name that "
                            + nameDefect.get().replaceFirst("^must ", "would "));
                }
                requireStorable(path.isEmpty() ? name : path + "." + name, entry.getValue());
            }
        } else if (node.isArray()) {
            int index = 0;
            for (JsonNode element : node.values()) {
                requireStorable(path + "[" + index++ + "]", element);
            }
        }
    }
}
