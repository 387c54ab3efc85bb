package io.mockfactory.gateway.environment;

import io.mockfactory.events.catalog.ServiceType;
import io.mockfactory.gateway.internal.PeerCalls;
import io.mockfactory.gateway.internal.Peers;
import io.mockfactory.gateway.internal.ProvisionerClient;
import io.mockfactory.gateway.internal.StorageClient;
import io.mockfactory.internal.credentials.Credentials;
import io.mockfactory.internal.credentials.CredentialsOperations;
import io.mockfactory.internal.credentials.ServiceCredentials;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Secrets stay with the service that owns them: processes' passwords with the provisioner, S3 key pairs with the
 * storage emulation (the registry says which owns a type). The credentials route asks each owner its environment
 * uses and merges their answers into one document.
 */
@Singleton
public class EnvironmentCredentials {
    private final Map<ServiceType.Owner, Owner> owners;

    private record Owner(CredentialsOperations client, PeerCalls calls) {
    }

    public EnvironmentCredentials(ProvisionerClient provisioner, @Named(Peers.PROVISIONER) PeerCalls provisionerCalls,
                                  StorageClient storage, @Named(Peers.STORAGE) PeerCalls storageCalls) {
        this.owners = Map.of(ServiceType.Owner.PROVISIONER, new Owner(provisioner, provisionerCalls),
                ServiceType.Owner.STORAGE, new Owner(storage, storageCalls));
    }

    /**
     * @param serviceTypes the environment's service types: only their owners are asked, so an outage of one owner
     *                     does not hide the credentials of environments that do not use it
     */
    public Credentials of(String environmentId, String userId, Collection<String> serviceTypes) {
        Map<String, ServiceCredentials> services = new LinkedHashMap<>();
        serviceTypes.stream().map(ServiceType::of).flatMap(java.util.Optional::stream).map(ServiceType::owner).distinct()
                .map(owners::get)
                .forEach(owner -> owner.calls().call(() -> owner.client().credentials(environmentId, userId))
                        .ifPresent(owned -> services.putAll(owned.services())));
        return new Credentials(services);
    }
}
