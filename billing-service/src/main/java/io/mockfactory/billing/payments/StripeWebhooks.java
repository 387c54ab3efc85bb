package io.mockfactory.billing.payments;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.mockfactory.billing.tier.TierChanges;
import io.mockfactory.kit.db.NamedStatement;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.tier.Tiers;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a verified Stripe event once: subscription created or updated (active or trialing: the tier its price
 * buys; cancelled or unpaid: the default tier), subscription deleted (the default tier), checkout completed (the
 * tier of {@code metadata.price_id}). The user is {@code metadata.mockfactory_user_id} on the subscription, or the
 * checkout's {@code client_reference_id}. Logs name the event, its type and the user id, never the payload.
 */
@Singleton
public class StripeWebhooks {
    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhooks.class);
    private static final Set<String> PAYING = Set.of("active", "trialing", "past_due");

    /** The answer to one delivery. */
    public enum Outcome { APPLIED, ALREADY_APPLIED, IGNORED, REFUSED_SIGNATURE, REFUSED_CONTENT, NOT_CONFIGURED }

    private final StripeSettings settings;
    private final Transactions transactions;
    private final TierChanges tiers;
    private final JsonMapper json;
    private final Clock clock;

    public StripeWebhooks(StripeSettings settings, Transactions transactions, TierChanges tiers, JsonMapper json) {
        this.settings = settings;
        this.transactions = transactions;
        this.tiers = tiers;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    public Outcome receive(String signatureHeader, String payload) throws Exception {
        // The secret file is read once per delivery (a rolled secret applies without a restart)
        List<String> secrets = settings.secrets();
        if (secrets.isEmpty()) {
            return Outcome.NOT_CONFIGURED;
        }
        Optional<StripeSignature.Refusal> refusal = new StripeSignature(secrets, clock).check(signatureHeader, payload);
        if (refusal.isPresent()) {
            LOG.warn("Stripe webhook refused: {}", refusal.get());
            return Outcome.REFUSED_SIGNATURE;
        }
        JsonNode event;
        try {
            event = json.readValue(payload.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (Exception e) {
            LOG.warn("Stripe webhook refused: a signed body that is not JSON");
            return Outcome.REFUSED_CONTENT;
        }
        String id = text(event, "id");
        String type = text(event, "type");
        JsonNode object = event.get("data") == null ? null : event.get("data").get("object");
        if (id == null || type == null || object == null) {
            LOG.warn("Stripe webhook refused: no id, type or data.object");
            return Outcome.REFUSED_CONTENT;
        }
        Optional<Change> change = change(type, object);
        if (change.isEmpty()) {
            return record(id, type) ? Outcome.IGNORED : Outcome.ALREADY_APPLIED;
        }
        if (change.get().userId() == null || change.get().tier() == null) {
            LOG.warn("Stripe event {} ({}) refused: {}", id, type, change.get().userId() == null ? "no MockFactory user" : "a price no tier is sold for");
            return Outcome.REFUSED_CONTENT;
        }
        return transactions.inTransaction(tx -> {
            if (!firstTime(tx, id, type)) {
                return Outcome.ALREADY_APPLIED;
            }
            tiers.set(tx, change.get().userId(), change.get().tier(), "stripe:" + id);
            LOG.info("Stripe event {} ({}) set {} to {}", id, type, change.get().userId(), change.get().tier());
            return Outcome.APPLIED;
        });
    }

    private record Change(String userId, String tier) {
    }

    /** What the event asks for; empty for the types that do not change a tier. */
    private Optional<Change> change(String type, JsonNode object) {
        switch (type) {
            case "customer.subscription.created", "customer.subscription.updated" -> {
                String user = text(object.get("metadata"), "mockfactory_user_id");
                String status = text(object, "status");
                if (status != null && !PAYING.contains(status)) {
                    return Optional.of(new Change(user, Tiers.DEFAULT_TIER));
                }
                return Optional.of(new Change(user, subscriptionPrice(object).flatMap(settings::tierOf).orElse(null)));
            }
            case "customer.subscription.deleted" -> {
                return Optional.of(new Change(text(object.get("metadata"), "mockfactory_user_id"), Tiers.DEFAULT_TIER));
            }
            case "checkout.session.completed" -> {
                String price = text(object.get("metadata"), "price_id");
                return Optional.of(new Change(text(object, "client_reference_id"),
                        price == null ? null : settings.tierOf(price).orElse(null)));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> subscriptionPrice(JsonNode subscription) {
        JsonNode items = subscription.get("items") == null ? null : subscription.get("items").get("data");
        if (items == null || !items.isArray() || items.size() == 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(text(items.get(0).get("price"), "id"));
    }

    private boolean record(String id, String type) throws Exception {
        return transactions.inTransaction(tx -> firstTime(tx, id, type));
    }

    private static boolean firstTime(java.sql.Connection tx, String id, String type) throws Exception {
        try (NamedStatement insert = NamedStatement.prepare(tx,
                "INSERT INTO stripe_events (event_id, type) VALUES (:id, :type) ON CONFLICT (event_id) DO NOTHING")) {
            insert.setString("id", id).setString("type", type);
            return insert.statement().executeUpdate() == 1;
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null || node.get(field) == null || !node.get(field).isString()) {
            return null;
        }
        return node.get(field).getStringValue();
    }
}
