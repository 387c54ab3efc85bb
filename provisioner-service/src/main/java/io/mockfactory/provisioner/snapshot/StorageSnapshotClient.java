package io.mockfactory.provisioner.snapshot;

import io.micronaut.http.client.annotation.Client;
import io.mockfactory.internal.storage.StorageSnapshotOperations;

/** storage-emulation-service, which takes and keeps the aws_s3 part of a snapshot. */
@Client(id = StorageSnapshotClient.SERVICE_ID)
public interface StorageSnapshotClient extends StorageSnapshotOperations {
    String SERVICE_ID = "storage";
}
