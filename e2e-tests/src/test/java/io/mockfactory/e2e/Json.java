package io.mockfactory.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** Reads one field out of a JSON response, as a client checking a contract would: parsed, never matched as text. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The first string field {@code name}, depth first (the order of the document). */
    static String field(String json, String name) {
        return find(json, name, JsonNode::isTextual).asText();
    }

    /** A count under /api/v1/account/limits' "usage" (the limits object has fields of the same names). */
    static int usage(String json, String name) {
        try {
            return MAPPER.readTree(json).get("usage").get(name).asInt();
        } catch (Exception e) {
            throw new IllegalArgumentException("no usage." + name + " in " + json, e);
        }
    }

    static String number(String json, String name) {
        return find(json, name, JsonNode::isNumber).asText();
    }

    /** The object {@code "name":{…}} (e.g. one service's credentials), as JSON, to read its fields. */
    static String object(String json, String name) {
        return find(json, name, JsonNode::isObject).toString();
    }

    /** The array {@code "name":[…]} (a page's items), as JSON. */
    static String array(String json, String name) {
        return find(json, name, JsonNode::isArray).toString();
    }

    private static JsonNode find(String json, String name, java.util.function.Predicate<JsonNode> kind) {
        JsonNode found;
        try {
            found = first(MAPPER.readTree(json), name, kind);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
        if (found == null) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return found;
    }

    private static JsonNode first(JsonNode node, String name, java.util.function.Predicate<JsonNode> kind) {
        if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                if (field.getKey().equals(name) && kind.test(field.getValue())) {
                    return field.getValue();
                }
                JsonNode nested = first(field.getValue(), name, kind);
                if (nested != null) {
                    return nested;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                JsonNode nested = first(element, name, kind);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}
