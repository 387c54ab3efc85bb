package io.mockfactory.localstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One launcher per state directory. The operating system releases the lock when its holder dies, however it dies, so
 * a lock that can be taken means any process the previous run left behind is an orphan, safe to stop.
 */
final class LauncherLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private LauncherLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @return the lock, or empty if a live launcher holds it (its pid is then in {@link #holder}) */
    static Optional<LauncherLock> take(Path home) throws IOException {
        Files.createDirectories(home);
        Path file = home.resolve("launcher.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
        return Optional.of(new LauncherLock(channel, lock));
    }

    static String holder(Path home) {
        try {
            return Files.readString(home.resolve("launcher.lock")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
