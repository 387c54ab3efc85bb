package io.mockfactory.auth.token;

import io.mockfactory.events.EventIds;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Opaque refresh tokens, stored hashed, in families: each use retires the token and issues the next one of the same
 * family. Presenting a token that was already used means it was copied, so the whole family is revoked.
 */
@Singleton
public class RefreshTokens {
    private static final String PREFIX = "mfr_";

    private final TokenSettings settings;

    public RefreshTokens(TokenSettings settings) {
        this.settings = settings;
    }

    public sealed interface Rotation {
        record Rotated(String userId, String newToken) implements Rotation {
        }

        record Refused(boolean reuseDetected) implements Rotation {
        }
    }

    public String issueNewFamily(Connection tx, String userId) throws SQLException {
        return issue(tx, userId, EventIds.newId("fam"));
    }

    public Rotation rotate(Connection tx, String presented) throws SQLException {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return new Rotation.Refused(false);
        }
        try (PreparedStatement select = tx.prepareStatement("SELECT user_id, family_id, expires_at, used_at, revoked_at "
                + "FROM refresh_tokens WHERE token_hash = ? FOR UPDATE")) {
            select.setString(1, OpaqueSecrets.hash(presented));
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return new Rotation.Refused(false);
                }
                String userId = rs.getString(1);
                String family = rs.getString(2);
                if (rs.getTimestamp(4) != null || rs.getTimestamp(5) != null) {
                    revokeFamily(tx, family);
                    return new Rotation.Refused(rs.getTimestamp(4) != null);
                }
                if (rs.getTimestamp(3).toInstant().isBefore(Instant.now())) {
                    return new Rotation.Refused(false);
                }
                try (PreparedStatement use = tx.prepareStatement("UPDATE refresh_tokens SET used_at = now() WHERE token_hash = ?")) {
                    use.setString(1, OpaqueSecrets.hash(presented));
                    use.executeUpdate();
                }
                return new Rotation.Rotated(userId, issue(tx, userId, family));
            }
        }
    }

    /** @return the user whose token family was revoked, if the token was known */
    public Optional<String> revokeFamilyOf(Connection tx, String presented) throws SQLException {
        if (presented == null) {
            return Optional.empty();
        }
        try (PreparedStatement select = tx.prepareStatement("SELECT user_id, family_id FROM refresh_tokens WHERE token_hash = ?")) {
            select.setString(1, OpaqueSecrets.hash(presented));
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                revokeFamily(tx, rs.getString(2));
                return Optional.of(rs.getString(1));
            }
        }
    }

    private String issue(Connection tx, String userId, String family) throws SQLException {
        String token = OpaqueSecrets.newSecret(PREFIX);
        try (PreparedStatement insert = tx.prepareStatement(
                "INSERT INTO refresh_tokens (token_hash, user_id, family_id, expires_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, OpaqueSecrets.hash(token));
            insert.setString(2, userId);
            insert.setString(3, family);
            insert.setTimestamp(4, Timestamp.from(Instant.now().plus(settings.getRefreshTokenTtl())));
            insert.executeUpdate();
        }
        return token;
    }

    private static void revokeFamily(Connection tx, String family) throws SQLException {
        try (PreparedStatement revoke = tx.prepareStatement(
                "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = ? AND revoked_at IS NULL")) {
            revoke.setString(1, family);
            revoke.executeUpdate();
        }
    }
}
