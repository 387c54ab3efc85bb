package io.mockfactory.provisioner.runtime;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** PostgreSQL seen the way a client sees it: JDBC with the instance's own password, wherever the server runs. */
public final class PostgresProtocol {
    private PostgresProtocol() {
    }

    /** Ready means the password works and, for a flavour with an extension, the extension is there. */
    public static boolean answersQuery(String host, int port, String password, String extension) {
        try (Connection connection = connect(host, port, password, ConnectionStrings.POSTGRES_DATABASE);
             Statement statement = connection.createStatement()) {
            if (extension == null) {
                return statement.execute("SELECT 1");
            }
            try (ResultSet present = statement.executeQuery("SELECT 1 FROM pg_extension WHERE extname = '" + extension + "'")) {
                return present.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Gives the running server's {@code postgres} role {@code newPassword} in place of {@code oldPassword} and ends every
     * other session. The SCRAM verifier is computed here (pgjdbc's {@code alterUserPassword}), so the password never
     * reaches the server, its log or {@code pg_stat_activity} as text. Repeatable: if the old password is refused but the
     * new one works, only the sessions are ended.
     */
    public static void changePassword(String host, int port, String oldPassword, String newPassword) throws SQLException {
        Connection connection;
        boolean changed = false;
        try {
            connection = connect(host, port, oldPassword, "postgres");
        } catch (SQLException refused) {
            connection = connect(host, port, newPassword, "postgres");
            changed = true;
        }
        try (Connection session = connection; Statement statement = session.createStatement()) {
            if (!changed) {
                session.unwrap(PGConnection.class).alterUserPassword(ConnectionStrings.POSTGRES_USER,
                        newPassword.toCharArray(), "scram-sha-256");
            }
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
        }
    }

    /** Other client connections now, and transactions committed or rolled back in every database. */
    public static Activity activity(String host, int port, String password) throws SQLException {
        try (Connection connection = connect(host, port, password, "postgres");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                     + " AND pid <> pg_backend_pid()), (SELECT COALESCE(sum(xact_commit + xact_rollback), 0) FROM pg_stat_database)")) {
            rs.next();
            // A reading's own connection and query add a few transactions; statistics arrive with some delay
            return new Activity(rs.getLong(2), rs.getInt(1), 5);
        }
    }

    /** A session in the database the environment's users are given, as its owner. */
    public static Connection connectToTestDatabase(String host, int port, String password) throws SQLException {
        return connect(host, port, password, ConnectionStrings.POSTGRES_DATABASE);
    }

    /** A session in the maintenance database as the {@code postgres} role (a backup). */
    public static Connection connectAsOwner(String host, int port, String password) throws SQLException {
        return connect(host, port, password, "postgres");
    }

    private static Connection connect(String host, int port, String password, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", ConnectionStrings.POSTGRES_USER);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "2");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, props);
    }
}
