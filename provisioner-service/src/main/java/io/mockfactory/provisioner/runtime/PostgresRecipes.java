package io.mockfactory.provisioner.runtime;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The PostgreSQL flavours the local driver runs: plain, with PostGIS (postgresql-15-postgis-3) and with pgvector
 * (deploy/install-pgvector.sh builds it: bookworm has no package).
 */
@Factory
class PostgresRecipes {
    private final String bin;
    private final String dataDir;
    private final String socketDir;

    PostgresRecipes(@Value("${mockfactory.provisioner.local.postgres-bin:/usr/lib/postgresql/15/bin}") String bin,
                    @Value("${mockfactory.provisioner.local.data-dir:/tmp/mockfactory-instances}") String dataDir,
                    @Value("${mockfactory.provisioner.local.postgres-socket-dir:/tmp/mockfactory-pg}") String socketDir) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.socketDir = socketDir;
    }

    @Singleton
    @Named("postgresql")
    LocalRecipe postgresql() {
        return new PostgresRecipe("postgresql", null, bin, dataDir, socketDir);
    }

    @Singleton
    @Named("postgresql_pgvector")
    LocalRecipe pgvector() {
        return new PostgresRecipe("postgresql_pgvector", "vector", bin, dataDir, socketDir);
    }

    @Singleton
    @Named("postgis")
    LocalRecipe postgis() {
        return new PostgresRecipe("postgis", "postgis", bin, dataDir, socketDir);
    }
}
