package io.mockfactory.gateway.internal;

import io.micronaut.http.client.annotation.Client;
import io.mockfactory.internal.billing.PaymentOperations;

/** billing-service's payment webhooks, through its own route signatures. */
@Client(id = Peers.BILLING)
public interface PaymentClient extends PaymentOperations {
}
