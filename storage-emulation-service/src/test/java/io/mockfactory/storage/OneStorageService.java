package io.mockfactory.storage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * For ITs that check what the service's own tables hold: a storage service of their own (each class starts and closes
 * it; failsafe runs classes one after another) and its database.
 */
abstract class OneStorageService {
    static StorageHarness storage;
    static DataSource dataSource;

    @BeforeAll
    static void startStorage() throws Exception {
        storage = new StorageHarness();
        dataSource = storage.context.getBean(DataSource.class);
    }

    @AfterAll
    static void stopStorage() {
        storage.close();
    }

    /** @param sql a query of one number (a test's own, from ids it made) */
    static long count(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
