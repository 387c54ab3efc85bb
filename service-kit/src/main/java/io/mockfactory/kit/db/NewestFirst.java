package io.mockfactory.kit.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Keyset pagination over an owner's rows, newest first: the cursor is the id of the last row of the previous page,
 * and (created_at, id) orders rows uniquely, so pages neither skip nor repeat rows while others are inserted.
 */
public final class NewestFirst {
    private NewestFirst() {
    }

    /** The tail of a SELECT on {@code table} (which has id and created_at): WHERE owner, after cursor, ORDER, LIMIT. */
    public static String pageOf(String table, String ownerColumn) {
        return ownerColumn + " = ? AND (?::text IS NULL OR (created_at, id) < (SELECT created_at, id FROM " + table
                + " WHERE id = ? AND " + ownerColumn + " = ?)) ORDER BY created_at DESC, id DESC LIMIT ?";
    }

    /** Binds the five parameters of {@link #pageOf}, starting at {@code first}. */
    public static void bind(PreparedStatement statement, int first, String owner, String afterId, int limit)
            throws SQLException {
        statement.setString(first, owner);
        statement.setString(first + 1, afterId);
        statement.setString(first + 2, afterId);
        statement.setString(first + 3, owner);
        statement.setInt(first + 4, limit);
    }
}
