package io.mockfactory.gateway.internal;

import io.micronaut.http.client.annotation.Client;
import io.mockfactory.internal.credentials.CredentialsOperations;
import io.mockfactory.internal.storage.StorageUsageOperations;

/** The storage service: the S3 key pairs of its environments, and what each user stores. */
@Client(id = Peers.STORAGE)
public interface StorageClient extends CredentialsOperations, StorageUsageOperations {
}
