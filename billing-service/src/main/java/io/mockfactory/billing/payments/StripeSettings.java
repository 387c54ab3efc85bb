package io.mockfactory.billing.payments;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe's side of billing: the webhook endpoint secrets (a file, one per line, so a new one can sit beside the old
 * while Stripe rolls it) and which Stripe price buys which tier ({@code price_…=professional,price_…=enterprise}).
 */
@Singleton
public class StripeSettings {
    private final Path secretFile;
    private final Map<String, String> tiersByPrice = new LinkedHashMap<>();

    public StripeSettings(@Value("${mockfactory.billing.stripe.webhook-secret-file:`/run/secrets/stripe_webhook_secret`}") String secretFile,
                          @Value("${mockfactory.billing.stripe.price-tiers:}") String priceTiers) {
        this.secretFile = Path.of(secretFile);
        for (String pair : priceTiers.split(",")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                tiersByPrice.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
            }
        }
    }

    /** Read at each request, so a rolled secret applies without a restart; empty when payments are not set up. */
    public List<String> secrets() {
        try {
            if (!Files.isRegularFile(secretFile)) {
                return List.of();
            }
            return Arrays.stream(Files.readString(secretFile).split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public Optional<String> tierOf(String priceId) {
        return Optional.ofNullable(tiersByPrice.get(priceId));
    }
}
