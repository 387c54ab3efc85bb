package io.mockfactory.provisioner.runtime;

import io.mockfactory.events.catalog.Availability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL as its own cluster per instance, copied from a template cluster made once per version with initdb (a
 * copy takes tens of milliseconds, initdb most of a second). scram-sha-256 over TCP on 127.0.0.1. The password is set
 * in single-user mode before the first start, read from standard input: never on a command line, never over a
 * connection. Only the {@code postgres} binary is used, so builds that ship no client tools (the bundled majors) run
 * the same way. PostgreSQL refuses to run as root, so when this service is root the server runs as the
 * {@code postgres} user through setpriv (which execs: the pid is the server's).
 */
class PostgresRecipe implements LocalRecipe {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRecipe.class);
    private static final String FRESH_MARKER = ".mockfactory-needs-password";

    private final String service;
    /** Created in the template's testdb, so every instance of this flavour has it (e.g. postgis); may be null. */
    private final String extension;
    /** Catalog version → the build that serves it, newest first. */
    private final Map<String, PostgresBuild> builds;
    private final Path templates;
    /** Unix sockets need a short path (107 bytes at most); the port keeps each instance's socket name unique. */
    private final Path sockets;
    private final String runAs;

    PostgresRecipe(String service, String extension, Map<String, PostgresBuild> builds, String dataDir, String socketDir) {
        this.service = service;
        this.extension = extension;
        this.builds = builds;
        this.sockets = Path.of(socketDir);
        this.templates = Path.of(dataDir).resolve("_templates");
        this.runAs = "root".equals(System.getProperty("user.name")) ? "postgres" : null;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public List<Availability> availability() {
        List<Availability> versions = new ArrayList<>();
        java.util.Optional<Path> closed = runAs == null ? java.util.Optional.empty() : closedAncestor();
        builds.forEach((version, build) -> {
            if (!build.present()) {
                versions.add(Availability.missing(service, version, "PostgreSQL " + build.major() + " is not installed",
                        build.fix(null)));
            } else if (extension != null && !build.hasExtension(extension)) {
                versions.add(Availability.missing(service, version, extension + " is not installed for PostgreSQL "
                        + build.major(), build.fix(extension)));
            } else if (runAs != null && !Executables.realPath("setpriv").isPresent()) {
                versions.add(Availability.missing(service, version, "setpriv is missing: PostgreSQL cannot run as root and"
                        + " needs it to run as the postgres user", "apt-get install util-linux"));
            } else if (closed.isPresent()) {
                versions.add(Availability.missing(service, version, "the postgres user, which PostgreSQL runs as under root,"
                        + " cannot reach the instances' directory through " + closed.get(), "chmod o+x "
                        + closed.get() + ", or set MOCKFACTORY_HOME to a directory under one it can reach"));
            } else {
                versions.add(Availability.served(service, version, "local"));
            }
        });
        return versions;
    }

    /**
     * The first directory above the instances' one that others may not traverse (root's home is 0700, for one); the
     * instances' directory itself is opened up by the driver when it first starts one.
     */
    private java.util.Optional<Path> closedAncestor() {
        for (Path dir = templates.toAbsolutePath().getParent().getParent(); dir != null; dir = dir.getParent()) {
            try {
                if (Files.isDirectory(dir) && !Files.getPosixFilePermissions(dir)
                        .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    return java.util.Optional.of(dir);
                }
            } catch (IOException | UnsupportedOperationException e) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public List<String> executables() {
        return builds.values().stream().map(build -> build.binLocation().resolve("postgres").toString()).toList();
    }

    @Override
    public boolean runsAsAnotherUser() {
        return runAs != null;
    }

    @Override
    public boolean isInstance(String commandLine, Path dataDir) {
        return commandLine.contains(" -D " + dataDir + " ");
    }

    @Override
    public Process launch(InstanceSpec spec, Path dir) throws Exception {
        PostgresBuild build = build(spec.version());
        Path bin = build.bin();
        if (!Files.exists(dir.resolve("PG_VERSION"))) {
            run(List.of("cp", "-a", template(spec.version(), bin).toString(), dir.toString()), null);
            Files.writeString(dir.resolve(FRESH_MARKER), "");
        }
        if (Files.exists(dir.resolve(FRESH_MARKER))) {
            // A crash between the copy and this leaves the marker: the password is set again on the next start
            singleUser(bin, dir, "postgres", "ALTER ROLE postgres PASSWORD '" + spec.password().replace("'", "''") + "'");
            Files.delete(dir.resolve(FRESH_MARKER));
        }
        return new ProcessBuilder(asServerUser(List.of(bin.resolve("postgres").toString(), "-D", dir.toString(),
                "-p", String.valueOf(spec.port()), "-k", socketDir().toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_permissions=0700", "-c", "max_connections=50", "-c", "shared_buffers=32MB")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.getParent().resolve(spec.service() + ".log").toFile()))
                .start();
    }

    @Override
    public boolean awaitReady(InstanceSpec spec, Path dir, Process process, Instant deadline) throws Exception {
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (PostgresProtocol.answersQuery("127.0.0.1", spec.port(), spec.password(), extension)) {
                return true;
            }
            Thread.sleep(30);
        }
        return false;
    }

    @Override
    public boolean changesPasswordWhileRunning() {
        return true;
    }

    @Override
    public void changePassword(InstanceSpec spec, Path dir, String oldPassword) throws Exception {
        PostgresProtocol.changePassword("127.0.0.1", spec.port(), oldPassword, spec.password());
    }

    @Override
    public boolean snapshots() {
        return true;
    }

    @Override
    public void snapshot(InstanceSpec spec, Path dir, Path into) throws Exception {
        try (java.sql.Connection session = PostgresBackup.connect(spec.port(), spec.password())) {
            PostgresBackup.copyRunning(session, dir, into);
        }
        // Recovery on the copy, in single-user mode: it replays the WAL to the backup's end, checkpoints and stops,
        // so the snapshot starts like any cleanly stopped cluster, and a copy that cannot recover fails now, not at a
        // restore
        singleUser(build(spec.version()).bin(), into, "postgres", "SELECT 1");
        Files.deleteIfExists(into.resolve("backup_label.old"));
    }

    /** A cleanly stopped cluster is consistent as it is: its files but the last server's pid file. */
    @Override
    public void snapshotStopped(InstanceSpec spec, Path dir, Path into) throws Exception {
        DataCopies.copy(dir, into);
        for (String name : PostgresBackupSession.RUNTIME_FILES) {
            Files.deleteIfExists(into.resolve(name));
        }
    }

    /** The copy's postgres role still has the old environment's password: the marker has launch set the new one. */
    @Override
    public void restore(InstanceSpec spec, Path from, Path dir) throws Exception {
        DataCopies.remove(dir);
        DataCopies.copy(from, dir);
        Files.writeString(dir.resolve(FRESH_MARKER), "");
    }

    @Override
    public void requestStop(long pid) throws Exception {
        // SIGINT is PostgreSQL's fast shutdown: connected clients do not hold it up, the data is checkpointed
        new ProcessBuilder("kill", "-INT", String.valueOf(pid)).start().waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public Activity activity(InstanceSpec spec) throws Exception {
        return PostgresProtocol.activity("127.0.0.1", spec.port(), spec.password());
    }

    private PostgresBuild build(String version) {
        PostgresBuild build = builds.get(version);
        if (build == null) {
            throw new IllegalStateException(service + " " + version + " is not a version this runtime knows");
        }
        return build;
    }

    private synchronized Path socketDir() throws IOException {
        if (!Files.isDirectory(sockets)) {
            Files.createDirectories(sockets);
            Files.setPosixFilePermissions(sockets, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            ownByServerUser(sockets);
        }
        return sockets;
    }

    /** The version's template cluster, made once: initdb, the testdb database every instance gets, the extension. */
    private synchronized Path template(String version, Path bin) throws Exception {
        Path template = templates.resolve(service + "-" + version);
        if (Files.exists(template.resolve("PG_VERSION"))) {
            return template;
        }
        Files.createDirectories(templates);
        ownByServerUser(templates);
        Path building = templates.resolve(service + "-" + version + ".building");
        run(List.of("rm", "-rf", building.toString()), null);
        if (run(asServerUser(List.of(bin.resolve("initdb").toString(), "-D", building.toString(), "-U", "postgres",
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "-N")), null) != 0) {
            throw new IllegalStateException("initdb failed for the PostgreSQL template in " + building
                    + (runAs == null ? "" : "; the " + runAs + " user must be able to traverse every parent directory"
                    + " (chmod o+x)"));
        }
        singleUser(bin, building, "postgres", "CREATE DATABASE " + ConnectionStrings.POSTGRES_DATABASE);
        if (extension != null) {
            singleUser(bin, building, ConnectionStrings.POSTGRES_DATABASE, "CREATE EXTENSION IF NOT EXISTS " + extension);
        }
        Files.move(building, template);
        LOG.info("Made the {} {} template cluster in {}", service, version, template);
        return template;
    }

    /**
     * Runs one statement in single-user mode (no server, no connection), fed on standard input. The smallest
     * min_wal_size has the checkpoint at its end remove spare WAL segments rather than keep them for reuse (a
     * snapshot's copy would carry them). Single-user mode
     * reports a failed statement on its output and still exits 0, so the output is read for errors.
     */
    private void singleUser(Path bin, Path dir, String database, String statement) throws Exception {
        Process process = new ProcessBuilder(asServerUser(List.of(bin.resolve("postgres").toString(), "--single",
                "-D", dir.toString(), "-c", "listen_addresses=", "-c", "min_wal_size=32MB", database)))
                .redirectErrorStream(true).start();
        process.getOutputStream().write((statement + ";\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("PostgreSQL single-user mode did not finish in " + dir);
        }
        if (process.exitValue() != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
            // The output never holds the statement itself (single-user mode does not echo it), so no password
            throw new IllegalStateException("PostgreSQL single-user mode failed in " + dir + ": "
                    + output.lines().filter(line -> line.contains("ERROR") || line.contains("FATAL")).findFirst().orElse(
                    "exit code " + process.exitValue()) + (extension == null ? "" : " (is " + extension + " installed?)"));
        }
    }

    private List<String> asServerUser(List<String> command) {
        if (runAs == null) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + runAs, "--regid=" + runAs, "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void ownByServerUser(Path path) throws IOException {
        if (runAs != null) {
            var lookup = path.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(path, lookup.lookupPrincipalByName(runAs));
        }
    }

    private static int run(List<String> command, String stdin) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish");
        }
        return process.exitValue();
    }
}
