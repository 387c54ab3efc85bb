package io.mockfactory.provisioner.seed;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.StreamingHttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.uri.UriBuilder;
import io.mockfactory.provisioner.instance.ServiceInstance;
import io.mockfactory.provisioner.runtime.DataCopies;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.RuntimeDriver;
import io.mockfactory.provisioner.snapshot.StorageSnapshotClient;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A Redis seed's uploaded RDB file: fetched from storage-emulation-service (which keeps uploads, and answers only
 * for their owner) into the provisioner's data directory, laid out as a snapshot's copy of redis is, and restored into
 * the new instance before its first start, which loads it. The fetched file goes once restored, whatever happens.
 */
@Singleton
public class UploadedDumps {
    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(10);

    private final StreamingHttpClient storage;
    private final Path root;

    public UploadedDumps(@Client(id = StorageSnapshotClient.SERVICE_ID) StreamingHttpClient storage,
                         @Value("${mockfactory.provisioner.local.data-dir:/tmp/mockfactory-instances}") String dataDir) {
        this.storage = storage;
        this.root = Path.of(dataDir).resolve("_seed-dumps");
    }

    /** @throws IllegalStateException "seed failed: …" when the upload is not the owner's, or not an RDB file */
    public void restore(RuntimeDriver driver, InstanceSpec spec, ServiceInstance instance, String uploadId) throws Exception {
        Path dir = root.resolve(instance.environmentId() + "-" + instance.service());
        DataCopies.remove(dir);
        Files.createDirectories(dir);
        try {
            Path rdb = dir.resolve("upload.rdb");
            fetch(uploadId, instance.userId(), rdb);
            requireRdb(uploadId, rdb);
            Path staged = dir.resolve("staged");
            driver.stageRedisDump(rdb, staged);
            driver.restore(spec, staged);
        } finally {
            DataCopies.remove(dir);
        }
    }

    private void fetch(String uploadId, String userId, Path into) throws IOException {
        HttpRequest<?> request = HttpRequest.GET(UriBuilder.of("/internal/uploads").path(uploadId).path("content")
                .queryParam("user_id", userId).build());
        try (FileChannel file = FileChannel.open(into, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Flux.from(storage.dataStream(request)).doOnNext(chunk -> write(file, chunk)).blockLast(FETCH_TIMEOUT);
        } catch (HttpClientResponseException refused) {
            if (refused.code() == 404) {
                throw new IllegalStateException("seed failed: " + uploadId + " is not one of your uploads");
            }
            throw refused;
        }
    }

    private static void write(FileChannel file, ByteBuffer<?> chunk) {
        try {
            java.nio.ByteBuffer bytes = chunk.asNioBuffer();
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What Redis would refuse at start is refused here with a reason: the file's head names its format. */
    private static void requireRdb(String uploadId, Path rdb) throws IOException {
        byte[] head = new byte[9];
        int read;
        try (InputStream in = Files.newInputStream(rdb)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read < head.length || !new String(head, StandardCharsets.US_ASCII).matches("REDIS[0-9]{4}")) {
            throw new IllegalStateException("seed failed: " + uploadId + " is not an RDB file");
        }
    }
}
