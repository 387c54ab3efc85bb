package io.mockfactory.provisioner.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One PostgreSQL major the local driver can run: the machine's own (Debian's postgresql-NN, where PostGIS and pgvector
 * are installed too) or one that came with the build (server binaries only, no extensions).
 */
sealed interface PostgresBuild {
    String major();

    /** Where {@code postgres} is or will be, without unpacking anything (to recognise a running server). */
    Path binLocation();

    /** The bin directory, unpacked first if need be. */
    Path bin() throws IOException;

    boolean present();

    boolean hasExtension(String extension);

    /** What a user does to get this build (or its extension) when it is missing. */
    String fix(String extension);

    static PostgresBuild machine(String major, String binDir) {
        return new Machine(major, Path.of(binDir));
    }

    static PostgresBuild bundled(String major, BundledRuntimes runtimes) {
        return new Bundled(major, runtimes);
    }

    record Machine(String major, Path binLocation) implements PostgresBuild {
        @Override
        public Path bin() {
            return binLocation;
        }

        @Override
        public boolean present() {
            return Files.isExecutable(binLocation.resolve("postgres")) && Files.isExecutable(binLocation.resolve("initdb"));
        }

        @Override
        public boolean hasExtension(String extension) {
            return Files.isRegularFile(Path.of("/usr/share/postgresql", major, "extension", extension + ".control"));
        }

        @Override
        public String fix(String extension) {
            return "./mockfactory up installs it unless --no-install (or run deploy/install-runtimes.sh), or start with"
                    + " --runtime docker";
        }
    }

    record Bundled(String major, BundledRuntimes runtimes) implements PostgresBuild {
        @Override
        public Path binLocation() {
            return runtimes.postgresHome(major).resolve("bin");
        }

        @Override
        public Path bin() throws IOException {
            return runtimes.postgresBin(major);
        }

        @Override
        public boolean present() {
            return runtimes.hasPostgres(major);
        }

        @Override
        public boolean hasExtension(String extension) {
            return false;
        }

        @Override
        public String fix(String extension) {
            return extension == null ? "build it: ./mockfactory build"
                    : "only PostgreSQL 15 has " + extension + " here; ask for version 15";
        }
    }
}
