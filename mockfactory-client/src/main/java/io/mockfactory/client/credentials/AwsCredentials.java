package io.mockfactory.client.credentials;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;

/** What the AWS SDKs need for an emulated AWS service: the endpoint override, the key pair and the region. */
public abstract class AwsCredentials extends ServiceCredentials {
    AwsCredentials(String type, JsonNode fields) {
        super(type, fields);
    }

    public URI endpoint() {
        return URI.create(text("endpoint"));
    }

    public String accessKeyId() {
        return text("access_key_id");
    }

    public String secretAccessKey() {
        return text("secret_access_key");
    }

    public String region() {
        return text("region");
    }

    @Override
    public String address() {
        return text("endpoint");
    }
}
