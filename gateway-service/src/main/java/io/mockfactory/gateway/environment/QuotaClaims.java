package io.mockfactory.gateway.environment;

import io.mockfactory.kit.db.NamedStatement;
import io.mockfactory.kit.db.Transactions;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The slots of the running-environment quota that are held: one per environment that was created or started and
 * has not been seen stopped, destroyed or failed since. Counting and claiming happen under a per-user transaction
 * lock, so concurrent creates (on any gateway instance) are decided one at a time and never pass the limit together.
 */
@Singleton
public class QuotaClaims {
    private final Transactions transactions;

    public QuotaClaims(Transactions transactions) {
        this.transactions = transactions;
    }

    /** @return how many slots the user holds, other than {@code environmentId}'s; the user's lock is held until commit */
    public int heldExcept(Connection tx, String userId, String environmentId) throws Exception {
        try (NamedStatement lock = NamedStatement.prepare(tx, "SELECT pg_advisory_xact_lock(hashtext(:user))")) {
            lock.setString("user", "quota:" + userId);
            lock.statement().execute();
        }
        try (NamedStatement count = NamedStatement.prepare(tx, """
                SELECT count(*) FROM quota_claims
                WHERE user_id = :user AND released_at IS NULL AND environment_id <> :environment""")) {
            count.setString("user", userId).setString("environment", environmentId);
            try (ResultSet row = count.statement().executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    public void claim(Connection tx, String userId, String environmentId) throws Exception {
        try (NamedStatement claim = NamedStatement.prepare(tx, """
                INSERT INTO quota_claims (environment_id, user_id, claimed_at) VALUES (:environment, :user, clock_timestamp())
                ON CONFLICT (environment_id) DO UPDATE SET claimed_at = EXCLUDED.claimed_at, released_at = NULL""")) {
            claim.setString("environment", environmentId).setString("user", userId);
            claim.statement().executeUpdate();
        }
    }

    /** Frees the slot now: the gateway itself saw the environment stopped or destroyed. */
    public void releaseNow(String environmentId) throws Exception {
        transactions.inTransaction(tx -> {
            release(tx, environmentId, Instant.now());
            return null;
        });
    }

    /**
     * Frees the slot for what happened at {@code at}; a report older than the latest claim (a stop from before the
     * last start, delivered late) frees nothing.
     */
    public void release(Connection tx, String environmentId, Instant at) throws Exception {
        try (NamedStatement release = NamedStatement.prepare(tx, """
                UPDATE quota_claims SET released_at = :at
                WHERE environment_id = :environment AND released_at IS NULL AND claimed_at <= :at""")) {
            release.setString("environment", environmentId).setObject("at", Timestamp.from(at));
            release.statement().executeUpdate();
        }
    }
}
