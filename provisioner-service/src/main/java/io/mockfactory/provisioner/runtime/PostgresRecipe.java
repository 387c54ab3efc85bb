package io.mockfactory.provisioner.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL as its own cluster per instance, copied from a template cluster made once with initdb (a copy takes
 * tens of milliseconds, initdb most of a second). scram-sha-256 over TCP on 127.0.0.1; the password is set through
 * the instance's private unix socket, never on a command line. PostgreSQL refuses to run as root, so when this
 * service is root the server runs as the {@code postgres} user through setpriv (which execs: the pid is the server's).
 */
class PostgresRecipe implements LocalRecipe {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRecipe.class);
    private static final String FRESH_MARKER = ".mockfactory-needs-password";

    private final String service;
    /** Created in the template's testdb, so every instance of this flavour has it (e.g. postgis); may be null. */
    private final String extension;
    private final Path bin;
    private final Path templates;
    /** Unix sockets need a short path (107 bytes at most); the port keeps each instance's socket name unique. */
    private final Path sockets;
    private final String runAs;

    PostgresRecipe(String service, String extension, String bin, String dataDir, String socketDir) {
        this.service = service;
        this.extension = extension;
        this.bin = Path.of(bin);
        this.sockets = Path.of(socketDir);
        this.templates = Path.of(dataDir).resolve("_templates");
        this.runAs = "root".equals(System.getProperty("user.name")) ? "postgres" : null;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public String executable() {
        return bin.resolve("postgres").toString();
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
        if (!Files.exists(dir.resolve("PG_VERSION"))) {
            Path template = template();
            run(List.of("cp", "-a", template.toString(), dir.toString()), false, null);
            Files.writeString(dir.resolve(FRESH_MARKER), "");
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
            if (Files.exists(dir.resolve(FRESH_MARKER)) && acceptsSocket(dir, spec.port())) {
                run(psql(spec.port(), "postgres"), true, "ALTER ROLE postgres PASSWORD '" + spec.password() + "';\n");
                Files.delete(dir.resolve(FRESH_MARKER));
            }
            if (!Files.exists(dir.resolve(FRESH_MARKER)) && answersQuery(spec)) {
                return true;
            }
            Thread.sleep(30);
        }
        return false;
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

    private boolean answersQuery(InstanceSpec spec) {
        return PostgresProtocol.answersQuery("127.0.0.1", spec.port(), spec.password(), extension);
    }

    private boolean acceptsSocket(Path dir, int port) throws Exception {
        return run(asServerUser(List.of(bin.resolve("pg_isready").toString(), "-q", "-h", sockets.toString(), "-p",
                String.valueOf(port))), true, null) == 0;
    }

    private synchronized Path socketDir() throws IOException {
        if (!Files.isDirectory(sockets)) {
            Files.createDirectories(sockets);
            Files.setPosixFilePermissions(sockets, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            ownByServerUser(sockets);
        }
        return sockets;
    }

    /** The template cluster, made once: initdb plus the testdb database every instance gets. */
    private synchronized Path template() throws Exception {
        Path template = templates.resolve(service + "-15");
        if (Files.exists(template.resolve("PG_VERSION"))) {
            return template;
        }
        Files.createDirectories(templates);
        ownByServerUser(templates);
        Path building = templates.resolve(service + "-15.building");
        run(List.of("rm", "-rf", building.toString()), false, null);
        if (run(asServerUser(List.of(bin.resolve("initdb").toString(), "-D", building.toString(), "-U", "postgres",
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "-N")), false, null) != 0) {
            throw new IllegalStateException("initdb failed for the PostgreSQL template in " + building
                    + (runAs == null ? "" : "; the " + runAs + " user must be able to traverse every parent directory"
                    + " (chmod o+x)"));
        }
        int port = freePort();
        Process server = new ProcessBuilder(asServerUser(List.of(bin.resolve("postgres").toString(), "-D", building.toString(),
                "-p", String.valueOf(port), "-k", socketDir().toString(), "-c", "listen_addresses="))).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Instant deadline = Instant.now().plusSeconds(30);
            while (!acceptsSocket(building, port) && Instant.now().isBefore(deadline)) {
                Thread.sleep(30);
            }
            if (run(psql(port, "postgres"), true, "CREATE DATABASE " + ConnectionStrings.POSTGRES_DATABASE + ";\n") != 0) {
                throw new IllegalStateException("could not create the template's database");
            }
            if (extension != null && run(psql(port, ConnectionStrings.POSTGRES_DATABASE), false,
                    "CREATE EXTENSION IF NOT EXISTS " + extension + ";\n") != 0) {
                throw new IllegalStateException("could not create extension " + extension + " (is its package installed?)");
            }
        } finally {
            requestStop(server.pid());
            server.waitFor(30, TimeUnit.SECONDS);
        }
        Files.move(building, template);
        LOG.info("Made the {} template cluster in {}", service, template);
        return template;
    }

    private List<String> psql(int port, String database) {
        return asServerUser(List.of(bin.resolve("psql").toString(), "-h", sockets.toString(), "-p", String.valueOf(port),
                "-U", "postgres", "-d", database, "-q", "-X", "-v", "ON_ERROR_STOP=1", "-f", "-"));
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

    private static int run(List<String> command, boolean quiet, String stdin) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(quiet ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.INHERIT).start();
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
