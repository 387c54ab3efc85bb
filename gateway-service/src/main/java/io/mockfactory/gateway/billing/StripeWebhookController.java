package io.mockfactory.gateway.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.gateway.internal.PaymentClient;
import io.mockfactory.gateway.internal.PeerCalls;
import io.mockfactory.gateway.internal.Peers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;

import java.util.Map;

/**
 * Stripe's webhook endpoint. No MockFactory credential: the Stripe-Signature header is the authentication, and
 * billing-service checks it against the raw body, which is relayed exactly as received.
 */
@Controller("/api/v1/billing/webhooks/stripe")
@Tag(name = "Billing")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StripeWebhookController {
    private final PaymentClient payments;
    private final PeerCalls calls;

    public StripeWebhookController(PaymentClient payments, @Named(Peers.BILLING) PeerCalls calls) {
        this.payments = payments;
        this.calls = calls;
    }

    @Post
    @Consumes(MediaType.ALL)
    @Operation(summary = "Stripe events (subscription created/updated/deleted, checkout completed) that change a tier; "
            + "verified by Stripe-Signature (HMAC-SHA256, 5 minutes), each event applied once")
    public HttpResponse<Map<String, Object>> receive(@Nullable @Header("Stripe-Signature") String signature,
                                                     @Nullable @Body String payload) {
        HttpResponse<Map<String, Object>> answer = calls.call(() -> payments.stripeWebhook(signature, payload == null ? "" : payload));
        return HttpResponse.ok(answer.body());
    }
}
