package io.mockfactory.storage.blob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Blobs as files: {@code <root>/<namespace>/<2 hex>/<uuid>}. A blob is written as {@code <uuid>.partial} beside its
 * final name and renamed into place, so a file under a blob's name is always whole: what the backup's incremental
 * copy ({@code deploy/backup.sh --blobs}, which copies each new name once) relies on. The partial file lives in the
 * blob's own directory, not in one shared temporary directory: issue 17's profile had every writer queueing on that
 * directory's lock. A crash mid-write leaves a partial file, which {@link BlobReconciler} deletes once no upload can
 * still be writing it; an unreferenced whole blob (written, then the commit never came) goes the same way.
 */
public class FilesystemBlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(FilesystemBlobStore.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int BUFFER = 256 * 1024;
    /** The suffix of a blob still being written; it never matches {@link #SAFE_NAME}, so it is never taken for a blob. */
    static final String PARTIAL = ".partial";

    private final Path root;
    private final Path temporary;

    public FilesystemBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.temporary = this.root.resolve(".tmp");
        Files.createDirectories(temporary);
        sweepTemporaryFiles();
    }

    @Override
    public void createNamespace(String namespace) throws IOException {
        Files.createDirectories(namespaceDir(namespace));
    }

    @Override
    public StoredBlob put(String namespace, InputStream content) throws IOException {
        String id = UUID.randomUUID().toString().replace("-", "");
        Path target = blobPath(namespace, id);
        Path partial = target.resolveSibling(id + PARTIAL);
        long size = 0;
        try {
            try (OutputStream out = create(partial)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = content.read(buffer)) != -1; ) {
                    out.write(buffer, 0, n);
                    size += n;
                }
            }
            // Same directory, so the rename is atomic on every POSIX filesystem
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return new StoredBlob(id, size);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public InputStream open(String namespace, String blobId, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(blobPath(namespace, blobId), StandardOpenOption.READ);
        channel.position(offset);
        return new BoundedInputStream(Channels.newInputStream(channel), length);
    }

    @Override
    public Optional<Path> localFile(String namespace, String blobId) {
        Path path = blobPath(namespace, blobId);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /**
     * A hard link under the same id: no byte is copied, and the file goes when its last name does (blobs are never
     * written in place, so the namespaces cannot see each other's changes). A filesystem without hard links gets a
     * copy, written as a blob is. A retry finds the link made.
     */
    @Override
    public String duplicate(String fromNamespace, String blobId, long size, String toNamespace) throws IOException {
        Path source = blobPath(fromNamespace, blobId);
        Path target = blobPath(toNamespace, blobId);
        if (Files.exists(target)) {
            return blobId;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, source);
            freshen(target);
        } catch (FileAlreadyExistsException retried) {
            // made by an earlier attempt
        } catch (NoSuchFileException gone) {
            throw gone;
        } catch (UnsupportedOperationException | FileSystemException noLinks) {
            Path partial = target.resolveSibling(blobId + PARTIAL);
            try {
                Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        return blobId;
    }

    /**
     * A link keeps its file's (old) modification time: made new, it is not taken for an orphan of long ago
     * (BlobReconciler) while the transaction that references it is still running. The file is shared, so its first
     * name looks new too, which only delays the reconciler. A file this process may not touch is left as it is.
     */
    private static void freshen(Path link) {
        try {
            Files.setLastModifiedTime(link, FileTime.from(Instant.now()));
        } catch (IOException notOurs) {
            LOG.debug("Could not touch {}: {}", link, notOurs.toString());
        }
    }

    @Override
    public void delete(String namespace, String blobId) throws IOException {
        Files.deleteIfExists(blobPath(namespace, blobId));
    }

    @Override
    public void deleteNamespace(String namespace) throws IOException {
        Path dir = namespaceDir(namespace);
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException error) throws IOException {
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The namespaces present on disk. */
    public List<String> namespaces() throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString())
                    .filter(name -> SAFE_NAME.matcher(name).matches()).toList();
        }
    }

    /** Blob ids of a namespace last written before {@code before}. */
    public List<String> blobsWrittenBefore(String namespace, Instant before) throws IOException {
        Path dir = namespaceDir(namespace);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            return files.filter(Files::isRegularFile).filter(file -> lastWrittenBefore(file, before))
                    .map(file -> file.getFileName().toString()).filter(name -> SAFE_NAME.matcher(name).matches()).toList();
        }
    }

    /** Deletes the partial files of a namespace last written before {@code before}: writes a crash cut short. */
    public int deleteUnfinishedWritesBefore(String namespace, Instant before) throws IOException {
        Path dir = namespaceDir(namespace);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> stale;
        try (Stream<Path> files = Files.walk(dir, 2)) {
            stale = files.filter(file -> file.getFileName().toString().endsWith(PARTIAL))
                    .filter(file -> lastWrittenBefore(file, before)).toList();
        }
        for (Path file : stale) {
            Files.deleteIfExists(file);
        }
        return stale.size();
    }

    /** Whether a namespace's directory last changed (a blob directory made in it) before {@code before}. */
    public boolean namespaceUnchangedSince(String namespace, Instant before) {
        Path dir = namespaceDir(namespace);
        return Files.isDirectory(dir) && lastWrittenBefore(dir, before);
    }

    private static boolean lastWrittenBefore(Path file, Instant before) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(before);
        } catch (IOException e) {
            return false;
        }
    }

    private Path namespaceDir(String namespace) {
        return root.resolve(checked(namespace));
    }

    private Path blobPath(String namespace, String blobId) {
        String id = checked(blobId);
        return namespaceDir(namespace).resolve(id.substring(0, Math.min(2, id.length()))).resolve(id);
    }

    /** Ids and namespaces are ours, never user input; refusing anything else keeps this store inside its root. */
    private static String checked(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a blob store name: " + name);
        }
        return name;
    }

    private static OutputStream create(Path blob) throws IOException {
        try {
            return Files.newOutputStream(blob, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (NoSuchFileException firstInItsDirectory) {
            Files.createDirectories(blob.getParent());
            return Files.newOutputStream(blob, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    /** Releases before issue 17 wrote each blob in .tmp first; a crash could leave one there. */
    private void sweepTemporaryFiles() throws IOException {
        try (var leftovers = Files.list(temporary)) {
            leftovers.forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                    LOG.info("Removed an unfinished upload left by a previous run: {}", file.getFileName());
                } catch (NoSuchFileException ignored) {
                    // gone already
                } catch (IOException e) {
                    LOG.warn("Cannot remove {}: {}", file, e.toString());
                }
            });
        }
    }
}
