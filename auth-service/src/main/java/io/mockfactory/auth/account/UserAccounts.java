package io.mockfactory.auth.account;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

@Singleton
public class UserAccounts {
    private static final String UNIQUE_VIOLATION = "23505";

    /** @return false if the email is already registered */
    public boolean insert(Connection tx, UserAccount account) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO users (id, email, full_name, password_hash, tier, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING")) {
            insert.setString(1, account.id());
            insert.setString(2, account.email());
            insert.setString(3, account.fullName());
            insert.setString(4, account.passwordHash());
            insert.setString(5, account.tier());
            insert.setTimestamp(6, Timestamp.from(account.createdAt()));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    public Optional<UserAccount> findByEmail(Connection connection, String email) throws SQLException {
        return findBy(connection, "email", email);
    }

    public Optional<UserAccount> findById(Connection connection, String id) throws SQLException {
        return findBy(connection, "id", id);
    }

    private static Optional<UserAccount> findBy(Connection connection, String column, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, email, full_name, password_hash, tier, "
                + "created_at FROM users WHERE " + column + " = ?")) {
            select.setString(1, value);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new UserAccount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()));
            }
        }
    }
}
