package io.mockfactory.provisioner.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * An ElasticMQ instance's data: its queue file ({@code queues.conf}, rewritten by ElasticMQ on every queue change) and
 * its messages in an embedded H2 database ({@code messages.mv.db}). The database file cannot be copied while the
 * server has it open (H2 reuses freed space in place), so ElasticMQ opens it in H2's mixed mode (AUTO_SERVER): another
 * process that can read the lock file, which holds the address and a random key and lives in the instance's private
 * directory, may connect (on 127.0.0.1 only: ElasticMQ runs with {@code h2.bindAddress}), and H2's own
 * {@code BACKUP TO} writes a transactionally consistent copy while queues are used.
 */
final class ElasticMqData {
    static final String QUEUES = "queues.conf";
    static final String MESSAGES = "messages";
    private static final String BACKUP = "messages.zip";
    /** What a BACKUP of the messages database holds: its file, named as in the instance directory. */
    private static final Pattern DATABASE_FILE = Pattern.compile("messages\\.mv\\.db");

    private ElasticMqData() {
    }

    /** The JDBC URL ElasticMQ and the backup both open the messages database with. */
    static String databaseUrl(Path dir) {
        return "jdbc:h2:" + dir.resolve(MESSAGES) + ";AUTO_SERVER=TRUE";
    }

    /**
     * The queue file first, then the messages: a queue made between the two is left out with its messages, and the
     * messages of one deleted between are not loaded (ElasticMQ loads those of the queues it has).
     */
    static void snapshot(String java, Path lib, Path dir, Path into) throws IOException, InterruptedException {
        Files.createDirectories(into);
        if (Files.exists(dir.resolve(QUEUES))) {
            DataCopies.copy(dir.resolve(QUEUES), into.resolve(QUEUES));
        }
        Path backup = into.resolve(BACKUP);
        if (backup.toString().contains("'")) {
            throw new IllegalStateException("the snapshot directory's path cannot be quoted for H2: " + into);
        }
        DataCopies.runTool(List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                h2Jar(lib).toString(), "org.h2.tools.Shell", "-url", databaseUrl(dir), "-user", "", "-password", "",
                "-sql", "BACKUP TO '" + backup + "'"));
        // H2's shell reports a failed statement on its output and still exits 0
        if (!Files.isRegularFile(backup) || Files.size(backup) == 0) {
            throw new IOException("H2 wrote no backup of ElasticMQ's messages (is the instance's database open"
                    + " in mixed mode? it is from its next start on)");
        }
    }

    /**
     * A stopped server closed its database cleanly: the queue file and the database file as they are, the database in
     * a zip as a running server's backup has it, so that one restore takes both.
     */
    static void snapshotStopped(Path dir, Path into) throws IOException {
        Files.createDirectories(into);
        if (Files.exists(dir.resolve(QUEUES))) {
            Files.copy(dir.resolve(QUEUES), into.resolve(QUEUES));
        }
        String database = MESSAGES + ".mv.db";
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(into.resolve(BACKUP)))) {
            zip.putNextEntry(new ZipEntry(database));
            Files.copy(dir.resolve(database), zip);
            zip.closeEntry();
        }
    }

    /** Into a directory that holds no data yet: the queue file and the messages database out of the backup. */
    static void restore(Path from, Path dir) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (Files.exists(from.resolve(QUEUES))) {
            Files.copy(from.resolve(QUEUES), dir.resolve(QUEUES), StandardCopyOption.REPLACE_EXISTING);
        }
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(from.resolve(BACKUP)))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                // The backup is ours, but its names become paths: only the database's own file is taken
                if (!entry.isDirectory() && DATABASE_FILE.matcher(entry.getName()).matches()) {
                    copy(zip, dir.resolve(entry.getName()));
                }
            }
        }
        if (!Files.exists(dir.resolve(MESSAGES + ".mv.db"))) {
            throw new IOException("the snapshot's message backup holds no messages database");
        }
    }

    private static void copy(InputStream in, Path to) throws IOException {
        Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }

    /** H2 as ElasticMQ ships it (the backup must be made by the version that wrote the file). */
    private static Path h2Jar(Path lib) throws IOException {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(jar -> jar.getFileName().toString().matches("h2-[0-9.]+\\.jar")).findFirst()
                    .orElseThrow(() -> new IOException("no H2 jar beside ElasticMQ's in " + lib));
        }
    }
}
