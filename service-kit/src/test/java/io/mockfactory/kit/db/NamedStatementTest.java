package io.mockfactory.kit.db;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NamedStatementTest {
    @Test
    void shouldReplaceEachNameWithAPlaceholderInOrder() {
        List<String> names = new ArrayList<>();
        String sql = NamedStatement.positional("SELECT * FROM t WHERE owner = :owner AND (:after::text IS NULL"
                + " OR id > (SELECT id FROM t WHERE id = :after AND owner = :owner)) LIMIT :limit", names);
        assertEquals("SELECT * FROM t WHERE owner = ? AND (?::text IS NULL"
                + " OR id > (SELECT id FROM t WHERE id = ? AND owner = ?)) LIMIT ?", sql);
        assertEquals(List.of("owner", "after", "after", "owner", "limit"), names);
    }

    @Test
    void shouldLeaveCastsAndQuotedTextAlone() {
        List<String> names = new ArrayList<>();
        String sql = NamedStatement.positional("SELECT '{}'::jsonb, 'at :noon', :headers::jsonb, x::int", names);
        assertEquals("SELECT '{}'::jsonb, 'at :noon', ?::jsonb, x::int", sql);
        assertEquals(List.of("headers"), names);
    }
}
