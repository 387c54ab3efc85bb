package io.mockfactory.auth.token;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.user.AccessTokenRevoked;
import io.mockfactory.kit.auth.AccessTokenClaims;
import io.mockfactory.kit.outbox.OutboxWriter;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/** Access tokens ended early by logout: checked here, and announced so every gateway stops accepting them too. */
@Singleton
public class RevokedAccessTokens {
    private final DataSource dataSource;
    private final OutboxWriter outbox;

    public RevokedAccessTokens(DataSource dataSource, OutboxWriter outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    public void revoke(Connection tx, AccessTokenClaims token) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement(
                "INSERT INTO revoked_access_tokens (jti, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, token.jti());
            insert.setTimestamp(2, Timestamp.from(token.expiresAt()));
            if (insert.executeUpdate() == 1) {
                outbox.append(tx, EventEnvelope.of(new AccessTokenRevoked(token.jti(), token.expiresAt()))
                        .withUserId(token.userId()));
            }
        }
    }

    public boolean isRevoked(String jti) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT 1 FROM revoked_access_tokens WHERE jti = ?")) {
            select.setString(1, jti);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }
}
