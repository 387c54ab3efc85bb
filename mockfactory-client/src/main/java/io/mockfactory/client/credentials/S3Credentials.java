package io.mockfactory.client.credentials;

import com.fasterxml.jackson.databind.JsonNode;

/** An {@code aws_s3} service: its own endpoint and key pair; buckets made with it belong to this environment. */
public final class S3Credentials extends AwsCredentials {
    S3Credentials(String type, JsonNode fields) {
        super(type, fields);
    }
}
