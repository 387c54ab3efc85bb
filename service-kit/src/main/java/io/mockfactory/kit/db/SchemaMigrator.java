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
 * It first waits for PostgreSQL (up to {@code mockfactory.db.startup-wait}) and fails with one clear line when the
 * database refuses the service's credentials.
 */
@Context
@Requires(beans = DataSource.class)
public class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    static final String KIT_HISTORY = "kit_schema_history";
    static final String SERVICE_HISTORY = "flyway_schema_history";
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
        DatabaseReadiness.await(dataSource, settings.getStartupWait());
        int kit = flyway(dataSource, schema, KIT_HISTORY, "classpath:db/kit").migrate().migrationsExecuted;
        // A service whose features have no tables yet ships no migrations; the kit's pass already created its schema
        int own = hasOwnMigrations()
                ? flyway(dataSource, schema, SERVICE_HISTORY, "classpath:" + SERVICE_MIGRATIONS).migrate().migrationsExecuted
                : 0;
        LOG.info("Schema {} is up to date ({} kit and {} service migrations applied now)", schema, kit, own);
    }

    private static boolean hasOwnMigrations() {
        return Thread.currentThread().getContextClassLoader().getResource(SERVICE_MIGRATIONS) != null;
    }

    /** The one Flyway configuration every service migrates with; package-private so tests migrate exactly so. */
    static Flyway flyway(DataSource dataSource, String schema, String historyTable, String... locations) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .table(historyTable)
                .locations(locations)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                // Rollback safety: after a rollback, release N-1 starts against the schema release N migrated. N's
                // migrations are unknown to N-1 ("future") and must not stop it; migrations are expand-only (see
                // MigrationsAreExpandOnlyTest), so N-1 still works on that schema. Everything else stays validated:
                // a known migration that failed, was edited (checksum) or went missing still stops the service.
                .ignoreMigrationPatterns("*:future")
                .validateOnMigrate(true)
                .cleanDisabled(true)
                .load();
    }
}
