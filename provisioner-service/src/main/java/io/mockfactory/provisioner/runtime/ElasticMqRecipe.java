package io.mockfactory.provisioner.runtime;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import io.mockfactory.events.catalog.Availability;

/**
 * ElasticMQ (the SQS API) as its own JVM, from the jars the elasticmq-runtime module lays out. Queues and messages
 * are persisted in the instance directory (a queue file and an H2 database), so they survive stop and start, and are
 * snapshotted while the server runs ({@link ElasticMqData}).
 */
@Singleton
public class ElasticMqRecipe implements LocalRecipe {
    static final String SERVICE = "elasticmq";
    private static final String VERSION = "1.7";

    private final String java;
    private final Path lib;

    ElasticMqRecipe(@Value("${mockfactory.provisioner.local.java:}") String java,
                    @Value("${mockfactory.provisioner.local.elasticmq-lib:elasticmq-runtime/target/lib}") String lib) {
        this.java = java.isBlank() ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : java;
        this.lib = Path.of(lib).toAbsolutePath();
    }

    @Override
    public String service() {
        return SERVICE;
    }

    @Override
    public List<Availability> availability() {
        return List.of(Files.isDirectory(lib) ? Availability.served(SERVICE, VERSION, "local")
                : Availability.missing(SERVICE, VERSION, "ElasticMQ's jars are not at " + lib,
                "build them: ./mockfactory build (or mvn -pl elasticmq-runtime package)"));
    }

    @Override
    public List<String> executables() {
        return List.of(java);
    }

    @Override
    public boolean isInstance(String commandLine, Path dataDir) {
        return commandLine.contains("-Dconfig.file=" + dataDir.resolve("elasticmq.conf") + " ");
    }

    @Override
    public Process launch(InstanceSpec spec, Path dir) throws Exception {
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("ElasticMQ is not available at " + lib + " (build the elasticmq-runtime module)");
        }
        Path config = dir.resolve("elasticmq.conf");
        Files.writeString(config, config("127.0.0.1", spec.port(), spec.port(), dir.resolve(ElasticMqData.QUEUES).toString(),
                ElasticMqData.databaseUrl(dir)), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        List<String> command = List.of(java, "-Xms16m", "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                // H2's mixed-mode server (ElasticMqData) listens on loopback only, not every interface
                "-Dh2.bindAddress=127.0.0.1", "-Dconfig.file=" + config, "-cp", lib + "/*", "org.elasticmq.server.Main");
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("elasticmq.log").toFile())).start();
    }

    /** Ready when the SQS API answers ListQueues. */
    @Override
    public boolean awaitReady(InstanceSpec spec, Path dir, Process process, Instant deadline) throws Exception {
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (SqsProtocol.answersListQueues("127.0.0.1", spec.port())) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /**
     * ElasticMQ's HOCON configuration: the SQS API on {@code bindHost:bindPort}, queue URLs naming {@code publicPort}
     * (where clients reach it), queues persisted in {@code queuesFile} and messages in the database at {@code messagesUrl}.
     */
    public static String config(String bindHost, int bindPort, int publicPort, String queuesFile, String messagesUrl) {
        return String.join("\n",
                "include classpath(\"application.conf\")",
                "node-address { protocol = http, host = localhost, port = " + publicPort + ", context-path = \"\" }",
                "generate-node-address = false",
                "rest-sqs { enabled = true, bind-port = " + bindPort + ", bind-hostname = \"" + bindHost + "\", sqs-limits = strict }",
                "rest-stats { enabled = false }",
                "aws { region = " + ConnectionStrings.SQS_REGION + ", accountId = 000000000000 }",
                "queues-storage { enabled = true, path = \"" + queuesFile + "\" }",
                "messages-storage { enabled = true, uri = \"" + messagesUrl + "\" }",
                "");
    }

    @Override
    public boolean snapshots() {
        return true;
    }

    /** The queue file, and H2's online backup of the messages database (see {@link ElasticMqData}). */
    @Override
    public void snapshot(InstanceSpec spec, Path dir, Path into) throws Exception {
        ElasticMqData.snapshot(java, lib, dir, into);
    }

    @Override
    public void snapshotStopped(InstanceSpec spec, Path dir, Path into) throws Exception {
        ElasticMqData.snapshotStopped(dir, into);
    }

    @Override
    public void restore(InstanceSpec spec, Path from, Path dir) throws Exception {
        ElasticMqData.restore(from, dir);
    }

    @Override
    public void requestStop(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }
}
