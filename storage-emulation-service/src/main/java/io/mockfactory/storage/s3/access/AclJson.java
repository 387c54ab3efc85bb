package io.mockfactory.storage.s3.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * An ACL as the jsonb column stores it:
 * {@code {"owner":{"id":…,"displayName":…},"grants":[{"type":"CanonicalUser","id":…,"displayName":…,"permission":"READ"},
 * {"type":"Group","uri":…,"permission":"READ"}]}}. Written by this class only, so a column that does not read back is
 * a bug, answered with IllegalStateException (an InternalError), not a client error.
 */
public final class AclJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AclJson() {
    }

    public static String write(Acl acl) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode owner = root.putObject("owner").put("id", acl.owner().id());
        if (acl.owner().displayName() != null) {
            owner.put("displayName", acl.owner().displayName());
        }
        ArrayNode grants = root.putArray("grants");
        for (Grant grant : acl.grants()) {
            ObjectNode node = grants.addObject();
            if (grant.grantee() instanceof Grantee.CanonicalUser user) {
                node.put("type", Grantee.XSI_CANONICAL_USER).put("id", user.id());
                if (user.displayName() != null) {
                    node.put("displayName", user.displayName());
                }
            } else if (grant.grantee() instanceof Grantee.Group group) {
                node.put("type", Grantee.XSI_GROUP).put("uri", group.uri());
            }
            node.put("permission", grant.permission().name());
        }
        return root.toString();
    }

    public static Acl read(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            JsonNode owner = root.required("owner");
            List<Grant> grants = new ArrayList<>();
            for (JsonNode node : root.required("grants")) {
                grants.add(new Grant(grantee(node), Permission.named(node.required("permission").asText())
                        .orElseThrow(() -> new IllegalStateException("Unknown permission in a stored ACL: " + node))));
            }
            return new Acl(new Owner(owner.required("id").asText(), text(owner, "displayName")), grants);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("A stored ACL does not read back: " + e.getMessage(), e);
        }
    }

    private static Grantee grantee(JsonNode node) {
        String type = node.required("type").asText();
        return switch (type) {
            case Grantee.XSI_CANONICAL_USER -> new Grantee.CanonicalUser(node.required("id").asText(), text(node, "displayName"));
            case Grantee.XSI_GROUP -> Grantee.Group.byUri(node.required("uri").asText())
                    .orElseThrow(() -> new IllegalStateException("Unknown group in a stored ACL: " + node));
            default -> throw new IllegalStateException("Unknown grantee type in a stored ACL: " + type);
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
