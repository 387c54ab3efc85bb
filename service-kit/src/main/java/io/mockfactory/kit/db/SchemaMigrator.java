package io.mockfactory.kit.db;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * Brings the service's schema up to date before anything else touches it. The kit's own tables (outbox, inbox)
 * have their own history table, so kit and service migrations are versioned independently and never collide.
 */
@Context
@Requires(beans = DataSource.class)
public class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private static final String SERVICE_MIGRATIONS = "db/migration";

    private final DataSource dataSource;
    private final SchemaSettings settings;

    public SchemaMigrator(DataSource dataSource, SchemaSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    @PostConstruct
    void migrate() {
        String schema = settings.getSchema();
        if (schema == null) {
            throw new IllegalStateException("mockfactory.db.schema is not set: every service owns one schema");
        }
        int kit = flyway(schema, "kit_schema_history", "classpath:db/kit").migrate().migrationsExecuted;
        // A service whose features have no tables yet ships no migrations; the kit's pass already created its schema
        int own = hasOwnMigrations()
                ? flyway(schema, "flyway_schema_history", "classpath:" + SERVICE_MIGRATIONS).migrate().migrationsExecuted
                : 0;
        LOG.info("Schema {} is up to date ({} kit and {} service migrations applied now)", schema, kit, own);
    }

    private static boolean hasOwnMigrations() {
        return Thread.currentThread().getContextClassLoader().getResource(SERVICE_MIGRATIONS) != null;
    }

    private Flyway flyway(String schema, String historyTable, String location) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .table(historyTable)
                .locations(location)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .cleanDisabled(true)
                .load();
    }
}
