package io.mockfactory.e2e;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/** The AWS SDK clients a user makes from what /credentials gives for aws_s3 and elasticmq, and nothing else. */
final class AwsClients {
    private AwsClients() {
    }

    /** @param credentials an environment's whole /credentials answer */
    static S3Client s3(String credentials) {
        String keys = Json.object(credentials, "aws_s3");
        return S3Client.builder().endpointOverride(URI.create(Json.field(keys, "endpoint"))).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(provider(keys)).build();
    }

    /** @param credentials an environment's whole /credentials answer */
    static SqsClient sqs(String credentials) {
        String queues = Json.object(credentials, "elasticmq");
        return SqsClient.builder().endpointOverride(URI.create(Json.field(queues, "endpoint")))
                .region(Region.of(Json.field(queues, "region"))).credentialsProvider(provider(queues)).build();
    }

    private static StaticCredentialsProvider provider(String keys) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(Json.field(keys, "access_key_id"),
                Json.field(keys, "secret_access_key")));
    }
}
