package io.mockfactory.client.credentials;

import com.fasterxml.jackson.databind.JsonNode;

/** An {@code elasticmq} service, spoken to with an SQS client. */
public final class SqsCredentials extends AwsCredentials {
    SqsCredentials(String type, JsonNode fields) {
        super(type, fields);
    }
}
