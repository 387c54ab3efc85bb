package io.mockfactory.billing.tier;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.user.UserTierChanged;
import io.mockfactory.kit.db.NamedStatement;
import io.mockfactory.kit.outbox.OutboxWriter;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Sets a user's tier, in the caller's transaction: the new tier is kept, and when it differs from the one billing
 * last set, {@code UserTierChanged} goes out through the outbox (auth-service applies it to the account).
 */
@Singleton
public class TierChanges {
    private final OutboxWriter outbox;

    public TierChanges(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** @return the tier it replaces (empty when billing had none on record); nothing is emitted if unchanged */
    public Optional<String> set(Connection tx, String userId, String tier, String source) throws Exception {
        Optional<String> previous = current(tx, userId);
        try (NamedStatement upsert = NamedStatement.prepare(tx, """
                INSERT INTO user_tiers (user_id, tier, source) VALUES (:user, :tier, :source)
                ON CONFLICT (user_id) DO UPDATE SET tier = EXCLUDED.tier, source = EXCLUDED.source, updated_at = now()""")) {
            upsert.setString("user", userId).setString("tier", tier).setString("source", source);
            upsert.statement().executeUpdate();
        }
        if (!previous.equals(Optional.of(tier))) {
            outbox.append(tx, EventEnvelope.of(new UserTierChanged(previous.orElse(null), tier)).withUserId(userId));
        }
        return previous;
    }

    private static Optional<String> current(Connection tx, String userId) throws Exception {
        // FOR UPDATE: two changes of one user's tier are applied one after the other, each naming the one before
        try (NamedStatement select = NamedStatement.prepare(tx, "SELECT tier FROM user_tiers WHERE user_id = :user FOR UPDATE")) {
            select.setString("user", userId);
            try (ResultSet row = select.statement().executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }
}
