package io.mockfactory.storage.s3.access;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads a statement's Condition block: operator → key → value or list of values (strings, numbers, booleans). */
final class PolicyConditions {
    private PolicyConditions() {
    }

    static List<Condition> parse(JsonNode block) {
        if (block == null) {
            return List.of();
        }
        if (!block.isObject()) {
            throw PolicyParser.malformed(PolicyParser.SYNTAX);
        }
        List<Condition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> operators = block.fields(); operators.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = operators.next();
            ConditionOperator operator = ConditionOperator.parse(entry.getKey())
                    .orElseThrow(() -> PolicyParser.malformed("Invalid Condition type : " + entry.getKey()));
            JsonNode keys = entry.getValue();
            if (!keys.isObject()) {
                throw PolicyParser.malformed(PolicyParser.SYNTAX);
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = keys.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> key = fields.next();
                conditions.add(new Condition(operator, key.getKey(), values(key.getValue())));
            }
        }
        return conditions;
    }

    private static List<String> values(JsonNode node) {
        if (scalar(node)) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw PolicyParser.malformed(PolicyParser.SYNTAX);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!scalar(element)) {
                throw PolicyParser.malformed(PolicyParser.SYNTAX);
            }
            values.add(element.asText());
        }
        return values;
    }

    private static boolean scalar(JsonNode node) {
        return node.isTextual() || node.isNumber() || node.isBoolean();
    }
}
