package io.mockfactory.storage.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** String maps (user metadata, stored headers, tags) and part lists as jsonb. */
final class JsonMaps {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> TYPE = new TypeReference<>() {
    };

    private static final TypeReference<List<ObjectPart>> PARTS = new TypeReference<>() {
    };

    private JsonMaps() {
    }

    static String write(Map<String, String> map) {
        try {
            return MAPPER.writeValueAsString(map == null ? Map.of() : map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> read(String json) {
        try {
            return json == null ? Map.of() : MAPPER.readValue(json, TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String writeParts(List<ObjectPart> parts) {
        try {
            return parts == null || parts.isEmpty() ? null : MAPPER.writeValueAsString(parts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<ObjectPart> readParts(String json) {
        try {
            return json == null ? List.of() : MAPPER.readValue(json, PARTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null stays null: a bucket or object without tags is not the same as one with an empty tag set to S3. */
    static String writeNullable(Map<String, String> map) {
        return map == null || map.isEmpty() ? null : write(map);
    }
}
