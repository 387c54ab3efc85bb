package io.mockfactory.gateway.internal;

import io.micronaut.http.client.annotation.Client;
import io.mockfactory.internal.credentials.CredentialsOperations;
import io.mockfactory.internal.storage.StorageUsageOperations;
import io.mockfactory.internal.upload.UploadOperations;

/** The storage service: the S3 key pairs of its environments, what each user stores, and their uploads. */
@Client(id = Peers.STORAGE)
public interface StorageClient extends CredentialsOperations, StorageUsageOperations, UploadOperations {
}
