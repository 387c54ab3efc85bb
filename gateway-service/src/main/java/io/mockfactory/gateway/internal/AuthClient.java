package io.mockfactory.gateway.internal;

import io.micronaut.http.client.annotation.Client;
import io.mockfactory.internal.auth.ApiKeyOperations;

/** auth-service's verification of API keys. */
@Client(id = Peers.AUTH)
public interface AuthClient extends ApiKeyOperations {
}
