package io.mockfactory.kit.db;

import java.sql.SQLException;

/**
 * Keyset pagination over an owner's rows, newest first: the cursor is the id of the last row of the previous page,
 * and (created_at, id) orders rows uniquely, so pages neither skip nor repeat rows while others are inserted.
 */
public final class NewestFirst {
    private NewestFirst() {
    }

    /**
     * The tail of a SELECT on {@code table} (which has id and created_at): WHERE owner, after cursor, ORDER, LIMIT,
     * with the named parameters {@code :owner}, {@code :after} and {@code :limit} (see {@link #bind}).
     */
    public static String pageOf(String table, String ownerColumn) {
        return ownerColumn + " = :owner AND (:after::text IS NULL OR (created_at, id) < (SELECT created_at, id FROM "
                + table + " WHERE id = :after AND " + ownerColumn + " = :owner)) ORDER BY created_at DESC, id DESC LIMIT :limit";
    }

    /** Binds the parameters of {@link #pageOf}. */
    public static NamedStatement bind(NamedStatement statement, String owner, String afterId, int limit)
            throws SQLException {
        return statement.setString("owner", owner).setString("after", afterId).setInt("limit", limit);
    }
}
