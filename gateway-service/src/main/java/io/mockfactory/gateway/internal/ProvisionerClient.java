package io.mockfactory.gateway.internal;

import io.micronaut.http.client.annotation.Client;
import io.mockfactory.internal.catalog.CatalogOperations;
import io.mockfactory.internal.credentials.CredentialsOperations;
import io.mockfactory.internal.snapshot.SnapshotOperations;

/** The provisioner: the passwords of its instances, what its runtimes can serve, and the snapshots it keeps. */
@Client(id = Peers.PROVISIONER)
public interface ProvisionerClient extends CredentialsOperations, CatalogOperations, SnapshotOperations {
}
