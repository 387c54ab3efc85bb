package io.mockfactory.provisioner.snapshot;

import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import io.mockfactory.kit.internal.InternalToken;

/** storage-emulation-service refuses internal calls without the internal token, as every service does. */
@ClientFilter(serviceId = StorageSnapshotClient.SERVICE_ID)
public class StorageCallsFilter {
    private final InternalToken token;

    public StorageCallsFilter(InternalToken token) {
        this.token = token;
    }

    @RequestFilter
    public void identify(MutableHttpRequest<?> request) {
        token.value().ifPresent(value -> request.header(InternalToken.HEADER, value));
    }
}
