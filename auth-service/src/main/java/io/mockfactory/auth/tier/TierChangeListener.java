package io.mockfactory.auth.tier;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.Topics;
import io.mockfactory.events.user.UserTierChanged;
import io.mockfactory.kit.inbox.InboxHandler;
import io.mockfactory.kit.tier.Tiers;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Set;

/**
 * Applies billing's tier changes to the account, so tokens issued or refreshed from now on, and API keys (whose tier
 * is read from the account at each verification), carry the new tier; the gateway's limits follow from the
 * credential. A tier this deployment does not define is ignored rather than stored.
 */
@Singleton
public class TierChangeListener implements InboxHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TierChangeListener.class);

    private final Tiers tiers;

    public TierChangeListener(Tiers tiers) {
        this.tiers = tiers;
    }

    @Override
    public String consumerName() {
        return "tier-changes";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.USER_EVENTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection tx) throws Exception {
        if (!(event.payload() instanceof UserTierChanged change) || event.userId() == null) {
            return;
        }
        if (!tiers.names().contains(change.tier())) {
            LOG.warn("Tier change of {} to unknown tier {} ignored", event.userId(), change.tier());
            return;
        }
        try (PreparedStatement update = tx.prepareStatement("UPDATE users SET tier = ? WHERE id = ?")) {
            update.setString(1, change.tier());
            update.setString(2, event.userId());
            if (update.executeUpdate() == 1) {
                LOG.info("{} is now on tier {}", event.userId(), change.tier());
            }
        }
    }
}
