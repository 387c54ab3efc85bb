package io.mockfactory.storage.upload;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * What an upload is, read from its first bytes rather than from a name or a media type a client may get wrong: a
 * POSIX/GNU tar (its {@code ustar} magic at 257), a gzipped one, a zip (a local file header, or the end of an empty
 * archive), or a Redis RDB file ({@code REDIS} and four digits of its version). The first three are archives of files
 * (an aws_s3 seed's objects); an RDB file is a Redis seed's data set.
 */
public enum UploadFormat {
    TAR("tar"), TAR_GZ("tar.gz"), ZIP("zip"), RDB("rdb");

    /** Enough of the head to tell them apart. */
    public static final int HEAD_BYTES = 265;
    private static final byte[] USTAR = "ustar".getBytes(StandardCharsets.US_ASCII);

    private final String wireName;

    UploadFormat(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<UploadFormat> of(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
            return Optional.of(ZIP);
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Optional.of(TAR_GZ);
        }
        if (head.length >= 262 && Arrays.equals(head, 257, 262, USTAR, 0, USTAR.length)) {
            return Optional.of(TAR);
        }
        if (head.length >= 9 && new String(head, 0, 9, StandardCharsets.US_ASCII).matches("REDIS[0-9]{4}")) {
            return Optional.of(RDB);
        }
        return Optional.empty();
    }

    public static Optional<UploadFormat> byWireName(String name) {
        return Arrays.stream(values()).filter(format -> format.wireName.equals(name)).findFirst();
    }

    public boolean isArchive() {
        return this != RDB;
    }

    /** An archive's entries, read as they stream (the stream is the caller's to close). */
    public ArchiveInputStream<? extends ArchiveEntry> entries(InputStream bytes) throws IOException {
        return switch (this) {
            case TAR -> new TarArchiveInputStream(bytes, StandardCharsets.UTF_8.name());
            case TAR_GZ -> new TarArchiveInputStream(new GZIPInputStream(bytes, 64 * 1024), StandardCharsets.UTF_8.name());
            case ZIP -> new ZipArchiveInputStream(bytes, StandardCharsets.UTF_8.name(), true, true);
            case RDB -> throw new IllegalStateException("an RDB file is not an archive of files");
        };
    }
}
