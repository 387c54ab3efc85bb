package io.mockfactory.client.credentials;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One service's real credentials. {@link #toString()} names the service and its address only: a credential object
 * that ends up in a log line or an assertion message shows no secret.
 */
public abstract class ServiceCredentials {
    private final String type;
    protected final JsonNode fields;

    protected ServiceCredentials(String type, JsonNode fields) {
        this.type = type;
        this.fields = fields;
    }

    public String type() {
        return type;
    }

    protected String text(String field) {
        return fields.path(field).asText(null);
    }

    /** Every field the API sent for this service, secrets included (a copy), e.g. to print or export them all. */
    public JsonNode asJson() {
        return fields.deepCopy();
    }

    /** Where to connect, with no secret in it. */
    public abstract String address();

    @Override
    public String toString() {
        return type + " at " + address() + " (secrets hidden)";
    }
}
