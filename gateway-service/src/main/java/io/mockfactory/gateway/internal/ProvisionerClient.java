package io.mockfactory.gateway.internal;

import io.micronaut.http.client.annotation.Client;
import io.mockfactory.internal.catalog.CatalogOperations;
import io.mockfactory.internal.credentials.CredentialsOperations;

/** The provisioner: the passwords of its instances, and what its runtimes can serve. */
@Client(id = Peers.PROVISIONER)
public interface ProvisionerClient extends CredentialsOperations, CatalogOperations {
}
