package io.mockfactory.storage.quota;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.Topics;
import io.mockfactory.events.user.UserTierChanged;
import io.mockfactory.kit.inbox.InboxHandler;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Set;

/** Keeps each user's tier for the storage quota: from their create commands, then from billing's tier changes. */
@Singleton
public class StorageTiers implements InboxHandler {

    @Override
    public String consumerName() {
        return "storage-tiers";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.USER_EVENTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection tx) throws Exception {
        if (event.payload() instanceof UserTierChanged change && event.userId() != null && change.tier() != null) {
            set(tx, event.userId(), change.tier());
        }
    }

    public static void set(Connection tx, String userId, String tier) throws Exception {
        try (PreparedStatement upsert = tx.prepareStatement("""
                INSERT INTO user_tiers (user_id, tier) VALUES (?, ?)
                ON CONFLICT (user_id) DO UPDATE SET tier = EXCLUDED.tier, updated_at = now()""")) {
            upsert.setString(1, userId);
            upsert.setString(2, tier);
            upsert.executeUpdate();
        }
    }
}
