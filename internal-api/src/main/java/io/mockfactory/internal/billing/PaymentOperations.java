package io.mockfactory.internal.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;

import java.util.Map;

/** Payment providers' deliveries, which the gateway relays to billing-service with the body exactly as received. */
public interface PaymentOperations {

    /** Sent as text, so not one byte of what Stripe signed changes on the way. */
    @Post(value = "/internal/billing/webhooks/stripe", produces = MediaType.TEXT_PLAIN)
    HttpResponse<Map<String, Object>> stripeWebhook(@Nullable @Header("Stripe-Signature") String signature,
                                                    @Nullable @Body String payload) throws Exception;
}
