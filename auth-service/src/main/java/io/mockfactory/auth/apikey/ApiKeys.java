package io.mockfactory.auth.apikey;

import io.mockfactory.internal.account.ApiKeyView;
import io.mockfactory.internal.account.CreatedApiKey;
import io.mockfactory.internal.auth.VerifiedKey;
import io.micronaut.core.annotation.Nullable;
import io.mockfactory.auth.token.OpaqueSecrets;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.user.ApiKeyCreated;
import io.mockfactory.events.user.ApiKeyRevoked;
import io.mockfactory.kit.db.NamedStatement;
import io.mockfactory.kit.db.NewestFirst;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import jakarta.inject.Singleton;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * API keys: {@code mf_} followed by 256 random bits, shown once. Stored as a SHA-256 hash, found by an indexed
 * prefix (the first characters, which are also what a user sees in the list).
 */
@Singleton
public class ApiKeys {
    public static final String KEY_PREFIX = "mf_";
    private static final int VISIBLE_PREFIX_LENGTH = KEY_PREFIX.length() + 8;

    private final Transactions transactions;
    private final OutboxWriter outbox;




    public ApiKeys(Transactions transactions, OutboxWriter outbox) {
        this.transactions = transactions;
        this.outbox = outbox;
    }

    public static boolean looksLikeKey(String credential) {
        return credential != null && credential.startsWith(KEY_PREFIX);
    }

    public CreatedApiKey create(String userId, String name) throws Exception {
        String key = OpaqueSecrets.newSecret(KEY_PREFIX);
        String id = EventIds.newId("key");
        String prefix = key.substring(0, VISIBLE_PREFIX_LENGTH);
        Instant createdAt = transactions.inTransaction(tx -> {
            try (PreparedStatement insert = tx.prepareStatement("INSERT INTO api_keys (id, user_id, name, prefix, key_hash) "
                    + "VALUES (?, ?, ?, ?, ?) RETURNING created_at")) {
                insert.setString(1, id);
                insert.setString(2, userId);
                insert.setString(3, name);
                insert.setString(4, prefix);
                insert.setString(5, OpaqueSecrets.hash(key));
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    outbox.append(tx, EventEnvelope.of(new ApiKeyCreated(id, name, prefix)).withUserId(userId));
                    return rs.getTimestamp(1).toInstant();
                }
            }
        });
        return new CreatedApiKey(id, name, key, prefix, createdAt);
    }

    /** The caller's live keys, newest first, after the key with id {@code after} when paging. */
    public List<ApiKeyView> list(String userId, @Nullable String after, int limit) throws Exception {
        return transactions.inTransaction(tx -> {
            try (NamedStatement select = NamedStatement.prepare(tx, "SELECT id, name, prefix, created_at, last_used_at"
                    + " FROM api_keys WHERE revoked_at IS NULL AND " + NewestFirst.pageOf("api_keys", "user_id"))) {
                NewestFirst.bind(select, userId, after, limit);
                List<ApiKeyView> keys = new ArrayList<>();
                try (ResultSet rs = select.statement().executeQuery()) {
                    while (rs.next()) {
                        Timestamp used = rs.getTimestamp(5);
                        keys.add(new ApiKeyView(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getTimestamp(4).toInstant(), used == null ? null : used.toInstant()));
                    }
                }
                return keys;
            }
        });
    }

    /** @return false if the caller has no such live key (someone else's key looks the same: not found) */
    public boolean revoke(String userId, String keyId) throws Exception {
        return transactions.inTransaction(tx -> {
            try (PreparedStatement update = tx.prepareStatement(
                    "UPDATE api_keys SET revoked_at = now() WHERE id = ? AND user_id = ? AND revoked_at IS NULL")) {
                update.setString(1, keyId);
                update.setString(2, userId);
                if (update.executeUpdate() == 0) {
                    return false;
                }
            }
            outbox.append(tx, EventEnvelope.of(new ApiKeyRevoked(keyId)).withUserId(userId));
            return true;
        });
    }

    public Optional<VerifiedKey> verify(String key) throws Exception {
        if (!looksLikeKey(key) || key.length() < VISIBLE_PREFIX_LENGTH) {
            return Optional.empty();
        }
        byte[] presentedHash = OpaqueSecrets.hash(key).getBytes(StandardCharsets.US_ASCII);
        return transactions.inTransaction(tx -> {
            try (PreparedStatement select = tx.prepareStatement("SELECT k.id, k.key_hash, k.user_id, u.tier FROM api_keys k "
                    + "JOIN users u ON u.id = k.user_id WHERE k.prefix = ? AND k.revoked_at IS NULL")) {
                select.setString(1, key.substring(0, VISIBLE_PREFIX_LENGTH));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        if (MessageDigest.isEqual(presentedHash, rs.getString(2).getBytes(StandardCharsets.US_ASCII))) {
                            touch(tx, rs.getString(1));
                            return Optional.of(new VerifiedKey(rs.getString(1), rs.getString(3), rs.getString(4)));
                        }
                    }
                }
            }
            return Optional.empty();
        });
    }

    private static void touch(java.sql.Connection tx, String keyId) throws Exception {
        // At most one write a minute per key, so verification stays a read on the hot path
        try (PreparedStatement update = tx.prepareStatement("UPDATE api_keys SET last_used_at = now() WHERE id = ? "
                + "AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")) {
            update.setString(1, keyId);
            update.executeUpdate();
        }
    }
}
