package io.mockfactory.gateway.command;

import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * The (user, Idempotency-Key) claims of the requests that make something: an environment (a create or a clone) or a
 * snapshot. A key is claimed in the transaction of the command it lets out, with a digest of what the request asked
 * for; the same key again replays the first result, and with another request it is refused, as Stripe does.
 */
enum IdempotencyKeys {
    ENVIRONMENTS("idempotency_keys", "environment_id"),
    SNAPSHOTS("snapshot_idempotency_keys", "snapshot_id");

    private final String table;
    private final String idColumn;

    IdempotencyKeys(String table, String idColumn) {
        this.table = table;
        this.idColumn = idColumn;
    }

    /** @return the id the key's first request made (this one is then a replay), or empty when this one claimed it */
    Optional<String> claim(Connection tx, String userId, String key, String id, String fingerprint) throws Exception {
        try (PreparedStatement claim = tx.prepareStatement("INSERT INTO " + table + " (user_id, idempotency_key, "
                + idColumn + ", request_fingerprint) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            claim.setString(1, userId);
            claim.setString(2, key);
            claim.setString(3, id);
            claim.setString(4, fingerprint);
            if (claim.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        return Optional.of(existing(tx, userId, key, fingerprint).orElseThrow());
    }

    /** @throws ProblemException 422 idempotency-key-reused when the key was used for another request */
    Optional<String> existing(Connection tx, String userId, String key, String fingerprint) throws Exception {
        try (PreparedStatement select = tx.prepareStatement("SELECT " + idColumn + ", request_fingerprint FROM " + table
                + " WHERE user_id = ? AND idempotency_key = ?")) {
            select.setString(1, userId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String recorded = rs.getString(2);
                if (recorded != null && !recorded.equals(fingerprint)) {
                    throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a "
                            + "different request; use a new key for a new request.");
                }
                return Optional.of(rs.getString(1));
            }
        }
    }
}
