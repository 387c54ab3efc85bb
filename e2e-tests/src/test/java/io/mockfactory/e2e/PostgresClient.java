package io.mockfactory.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A JDBC connection made only from what /credentials gives for a PostgreSQL flavour, as a user would make it. */
final class PostgresClient {
    private PostgresClient() {
    }

    /** @param credentials one service's credentials object (port, database, username, password) */
    static Connection connect(String credentials) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + Json.number(credentials, "port") + "/"
                + Json.field(credentials, "database"), Json.field(credentials, "username"), Json.field(credentials, "password"));
    }
}
