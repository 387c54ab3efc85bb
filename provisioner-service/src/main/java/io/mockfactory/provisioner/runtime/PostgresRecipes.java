package io.mockfactory.provisioner.runtime;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PostgreSQL flavours the local driver runs. Plain PostgreSQL: 17 and 16 from the build (instance-runtimes), 15
 * from the machine (Debian's postgresql-15). PostGIS (postgresql-15-postgis-3) and pgvector (deploy/install-pgvector.sh
 * builds it: bookworm has no package) exist for the machine's 15 only; the catalog version of PostGIS is its own (3.3).
 */
@Factory
class PostgresRecipes {
    private final String machineBin;
    private final String dataDir;
    private final String socketDir;
    private final BundledRuntimes bundled;

    PostgresRecipes(@Value("${mockfactory.provisioner.local.postgres-bin:/usr/lib/postgresql/15/bin}") String machineBin,
                    @Value("${mockfactory.provisioner.local.data-dir:/tmp/mockfactory-instances}") String dataDir,
                    @Value("${mockfactory.provisioner.local.postgres-socket-dir:/tmp/mockfactory-pg}") String socketDir,
                    BundledRuntimes bundled) {
        this.machineBin = machineBin;
        this.dataDir = dataDir;
        this.socketDir = socketDir;
        this.bundled = bundled;
    }

    @Singleton
    @Named("postgresql")
    LocalRecipe postgresql() {
        Map<String, PostgresBuild> builds = new LinkedHashMap<>();
        builds.put("17", PostgresBuild.bundled("17", bundled));
        builds.put("16", PostgresBuild.bundled("16", bundled));
        builds.put("15", PostgresBuild.machine("15", machineBin));
        return new PostgresRecipe("postgresql", null, builds, dataDir, socketDir);
    }

    @Singleton
    @Named("postgresql_pgvector")
    LocalRecipe pgvector() {
        return new PostgresRecipe("postgresql_pgvector", "vector", Map.of("15", PostgresBuild.machine("15", machineBin)),
                dataDir, socketDir);
    }

    @Singleton
    @Named("postgis")
    LocalRecipe postgis() {
        return new PostgresRecipe("postgis", "postgis", Map.of("3.3", PostgresBuild.machine("15", machineBin)),
                dataDir, socketDir);
    }
}
