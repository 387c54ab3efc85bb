package io.mockfactory.kit.db;

import io.mockfactory.localstack.PostgresServer;
import io.mockfactory.localstack.SharedInfrastructure;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.mockfactory.kit.db.SchemaMigrator.SERVICE_HISTORY;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a rollback, release N-1 starts against the schema release N migrated: it must start, and leave N's
 * migrations alone. Validation must still stop it on a known migration that failed or whose script changed.
 */
class RollbackSafeMigrationIT {
    private static final String CURRENT = "classpath:db/rollback/current";
    private static final String NEWER = "classpath:db/rollback/newer";
    private static final String CHANGED = "classpath:db/rollback/changed";
    private static final String SERVICE_MIGRATIONS = "classpath:db/migration";

    private final PostgresServer postgres = SharedInfrastructure.get().postgres();
    private final String schema = "rollback_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    RollbackSafeMigrationIT() {
        dataSource.setURL(postgres.jdbcUrl());
        dataSource.setUser(PostgresServer.USER);
    }

    @Test
    void shouldStartAgainstTheSchemaOfANewerReleaseAndKeepItsMigrations() throws Exception {
        SchemaSettings settings = new SchemaSettings();
        settings.setSchema(schema);
        SchemaMigrator previousRelease = new SchemaMigrator(dataSource, settings);
        previousRelease.migrate();
        // The newer release: the same history table and migrations, and one more
        assertEquals(1, SchemaMigrator.flyway(dataSource, schema, SERVICE_HISTORY, SERVICE_MIGRATIONS, NEWER)
                .migrate().migrationsExecuted);

        // Rolled back: the previous release starts again on the newer schema
        assertDoesNotThrow(previousRelease::migrate);

        assertEquals(Optional.of(true), success("99"));
        assertEquals(Map.of("1", MigrationState.SUCCESS, "99", MigrationState.FUTURE_SUCCESS), states(SERVICE_MIGRATIONS));
        assertEquals(0L, count("SELECT count(*) FROM " + schema + ".newer_release_only"));
    }

    @Test
    void shouldStillRefuseAKnownMigrationWhoseScriptChanged() {
        // A future migration is applied too, so ignoring futures cannot be what lets the edit through
        SchemaMigrator.flyway(dataSource, schema, SERVICE_HISTORY, CURRENT, NEWER).migrate();

        FlywayException refused = assertThrows(FlywayException.class,
                () -> SchemaMigrator.flyway(dataSource, schema, SERVICE_HISTORY, CHANGED).migrate());

        assertTrue(refused.getMessage().contains("checksum mismatch for migration version 1"), refused.getMessage());
    }

    @Test
    void shouldStillRefuseAKnownMigrationThatFailed() throws Exception {
        SchemaMigrator.flyway(dataSource, schema, SERVICE_HISTORY, CURRENT).migrate();
        // What a migration that failed outside a transaction leaves behind (PostgreSQL rolls a failed one back, and
        // Flyway's community edition records no row for it, so the row is written as Flyway would)
        execute("UPDATE " + schema + "." + SERVICE_HISTORY + " SET success = false WHERE version = '2'");

        FlywayException refused = assertThrows(FlywayException.class,
                () -> SchemaMigrator.flyway(dataSource, schema, SERVICE_HISTORY, CURRENT, NEWER).migrate());

        assertTrue(refused.getMessage().contains("failed migration to version 2"), refused.getMessage());
        assertEquals(Optional.empty(), success("99"));
    }

    private Map<String, MigrationState> states(String... locations) {
        MigrationInfo[] all = SchemaMigrator.flyway(dataSource, schema, SERVICE_HISTORY, locations).info().all();
        return Arrays.stream(all).filter(info -> info.getVersion() != null && !"0".equals(info.getVersion().getVersion()))
                .collect(Collectors.toMap(info -> info.getVersion().getVersion(), MigrationInfo::getState));
    }

    private Optional<Boolean> success(String version) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT success FROM " + schema + "." + SERVICE_HISTORY
                     + " WHERE version = '" + version + "'")) {
            return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
