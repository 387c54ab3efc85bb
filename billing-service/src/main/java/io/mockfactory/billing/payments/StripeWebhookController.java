package io.mockfactory.billing.payments;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.internal.billing.PaymentOperations;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

import java.util.Map;

/**
 * Stripe's deliveries, relayed by the gateway with the raw body (the signature covers its exact bytes). 200 once
 * applied or when already applied (Stripe redelivers until it gets a 2xx), 401 for a signature that does not verify
 * or is older than five minutes, 400 for a genuine event that cannot be applied (no user, a price no tier is sold
 * for); nothing changes on a refusal.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class StripeWebhookController implements PaymentOperations {
    private final StripeWebhooks webhooks;

    public StripeWebhookController(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    @Consumes(MediaType.ALL)
    // The shared route says text/plain for what the gateway sends; the answer is JSON
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> stripeWebhook(@Nullable @Header("Stripe-Signature") String signature,
                                                           @Nullable @Body String payload) throws Exception {
        StripeWebhooks.Outcome outcome = webhooks.receive(signature, payload);
        return switch (outcome) {
            case APPLIED, IGNORED -> HttpResponse.ok(Map.of("received", true, "outcome", outcome.name().toLowerCase()));
            case ALREADY_APPLIED -> HttpResponse.ok(Map.of("received", true, "outcome", "already_applied"));
            case REFUSED_SIGNATURE -> throw new ProblemException(ProblemType.UNAUTHORIZED,
                    "The Stripe-Signature header does not verify, or is more than five minutes old.");
            case REFUSED_CONTENT -> throw new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "The event names no MockFactory user or a price no tier is sold for; nothing was changed.");
            case NOT_CONFIGURED -> throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                    "Payments are not configured here (no Stripe webhook secret).");
        };
    }
}
