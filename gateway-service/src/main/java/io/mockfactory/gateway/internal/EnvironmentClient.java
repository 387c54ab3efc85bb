package io.mockfactory.gateway.internal;

import io.micronaut.http.client.annotation.Client;
import io.mockfactory.internal.environment.EnvironmentOperations;

/** environment-service's read model, through its own route signatures. */
@Client(id = Peers.ENVIRONMENT)
public interface EnvironmentClient extends EnvironmentOperations {
}
