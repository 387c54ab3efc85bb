package io.mockfactory.gateway.internal;

import io.micronaut.http.client.annotation.Client;
import io.mockfactory.internal.credentials.CredentialsOperations;

/** The storage service: the S3 key pairs of its environments. */
@Client(id = Peers.STORAGE)
public interface StorageClient extends CredentialsOperations {
}
