package io.mockfactory.gateway.internal;

import io.micronaut.http.client.annotation.Client;
import io.mockfactory.internal.billing.BillingOperations;

/** billing-service's metering, through its own route signatures. */
@Client(id = Peers.BILLING)
public interface BillingClient extends BillingOperations {
}
