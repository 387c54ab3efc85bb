package io.mockfactory.kit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A prepared statement written with named parameters ({@code :owner}), so a value used in several places is bound
 * once, by name, instead of counted into several {@code ?}. PostgreSQL's casts ({@code ::text}) and text inside
 * single quotes are left alone. Small on purpose: the services write plain JDBC, and this is the only part of a
 * mapper library they need.
 */
public final class NamedStatement implements AutoCloseable {
    private final PreparedStatement statement;
    private final List<String> names;

    private NamedStatement(PreparedStatement statement, List<String> names) {
        this.statement = statement;
        this.names = names;
    }

    public static NamedStatement prepare(Connection connection, String namedSql) throws SQLException {
        List<String> names = new ArrayList<>();
        String sql = positional(namedSql, names);
        return new NamedStatement(connection.prepareStatement(sql), List.copyOf(names));
    }

    /** @return {@code namedSql} with each {@code :name} replaced by {@code ?}; the names, in order, go to {@code names} */
    static String positional(String namedSql, List<String> names) {
        StringBuilder sql = new StringBuilder(namedSql.length());
        boolean quoted = false;
        int i = 0;
        while (i < namedSql.length()) {
            char c = namedSql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == ':' && startsName(namedSql, i)) {
                int end = i + 1;
                while (end < namedSql.length() && (Character.isLetterOrDigit(namedSql.charAt(end)) || namedSql.charAt(end) == '_')) {
                    end++;
                }
                names.add(namedSql.substring(i + 1, end));
                sql.append('?');
                i = end;
                continue;
            }
            sql.append(c);
            i++;
        }
        return sql.toString();
    }

    /** A parameter is a colon that is not part of a {@code ::} cast, followed by a letter. */
    private static boolean startsName(String sql, int colon) {
        boolean afterColon = colon > 0 && sql.charAt(colon - 1) == ':';
        return !afterColon && colon + 1 < sql.length() && Character.isLetter(sql.charAt(colon + 1));
    }

    public NamedStatement setString(String name, String value) throws SQLException {
        return bind(name, (statement, position) -> statement.setString(position, value));
    }

    public NamedStatement setLong(String name, long value) throws SQLException {
        return bind(name, (statement, position) -> statement.setLong(position, value));
    }

    public NamedStatement setInt(String name, int value) throws SQLException {
        return bind(name, (statement, position) -> statement.setInt(position, value));
    }

    /** For the types without a setter here (timestamps, arrays). */
    public NamedStatement setObject(String name, Object value) throws SQLException {
        return bind(name, (statement, position) -> statement.setObject(position, value));
    }

    @FunctionalInterface
    private interface Binding {
        void bind(PreparedStatement statement, int position) throws SQLException;
    }

    /** Binds the value at every place the name appears. */
    private NamedStatement bind(String name, Binding binding) throws SQLException {
        for (int position : positionsOf(name)) {
            binding.bind(statement, position);
        }
        return this;
    }

    /** The statement itself, to execute once every name is bound. */
    public PreparedStatement statement() {
        return statement;
    }

    private int[] positionsOf(String name) {
        int[] positions = new int[names.size()];
        int count = 0;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                positions[count++] = i + 1;
            }
        }
        if (count == 0) {
            // A misspelt name would otherwise leave its placeholders unbound and fail far from the cause
            throw new IllegalArgumentException("no parameter :" + name + " in this statement");
        }
        return java.util.Arrays.copyOf(positions, count);
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
