package io.mockfactory.storage;

import io.mockfactory.storage.BenchServers.Server;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * 1 GiB through a server in one PUT and GET, and as a 16-part multipart upload (4 parts at a time), checked whole
 * after each download: with MockFactory's 256 MiB heap, the bodies must stream.
 */
final class LargeObjectBench {
    private static final int MIB = 1024 * 1024;
    private static final int SIZE_MIB = Integer.getInteger("bench.large-mib", 1024);
    private static final int PARTS = 16;

    private LargeObjectBench() {
    }

    static void run(Server server) throws Exception {
        Path file = Files.createTempFile("large", ".bin");
        Path back = Files.createTempFile("large-back", ".bin");
        try (S3Client s3 = S3ThroughputBenchmark.client(server)) {
            String md5 = write(file);
            long start = System.nanoTime();
            String etag = s3.putObject(p -> p.bucket("bench").key("large"), RequestBody.fromFile(file)).eTag();
            double put = seconds(start);
            double get = download(s3, "large", back);
            boolean intact = etag.equals("\"" + md5 + "\"") && Files.mismatch(file, back) == -1;
            start = System.nanoTime();
            multipart(s3, file);
            double multipartPut = seconds(start);
            double multipartGet = download(s3, "large-multipart", back);
            boolean multipartIntact = Files.mismatch(file, back) == -1;
            System.out.printf("%-12s %d MiB: PUT %.1f s (%.0f MiB/s), GET %.1f s (%.0f MiB/s), intact=%s;"
                            + " multipart (%d parts) PUT %.1f s (%.0f MiB/s), GET %.1f s (%.0f MiB/s), intact=%s; peak RSS %d MiB%n",
                    server.name(), SIZE_MIB, put, SIZE_MIB / put, get, SIZE_MIB / get, intact, PARTS, multipartPut,
                    SIZE_MIB / multipartPut, multipartGet, SIZE_MIB / multipartGet, multipartIntact, server.peakRssMib());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(back);
        }
    }

    private static String write(Path file) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] block = new byte[MIB];
        Random random = new Random(1);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < SIZE_MIB; i++) {
                random.nextBytes(block);
                md5.update(block);
                out.write(block);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static double download(S3Client s3, String key, Path back) throws Exception {
        Files.delete(back);
        long start = System.nanoTime();
        s3.getObject(g -> g.bucket("bench").key(key), ResponseTransformer.toFile(back));
        return seconds(start);
    }

    private static void multipart(S3Client s3, Path file) throws Exception {
        String upload = s3.createMultipartUpload(c -> c.bucket("bench").key("large-multipart")).uploadId();
        long partSize = (long) SIZE_MIB * MIB / PARTS;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<CompletedPart>> parts = new ArrayList<>();
        for (int n = 1; n <= PARTS; n++) {
            int number = n;
            parts.add(pool.submit(() -> {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    channel.position((number - 1) * partSize);
                    InputStream in = Channels.newInputStream(channel);
                    String etag = s3.uploadPart(u -> u.bucket("bench").key("large-multipart").uploadId(upload)
                            .partNumber(number), RequestBody.fromInputStream(in, partSize)).eTag();
                    return CompletedPart.builder().partNumber(number).eTag(etag).build();
                }
            }));
        }
        CompletedPart[] completed = new CompletedPart[PARTS];
        for (int i = 0; i < PARTS; i++) {
            completed[i] = parts.get(i).get();
        }
        pool.shutdown();
        s3.completeMultipartUpload(c -> c.bucket("bench").key("large-multipart").uploadId(upload)
                .multipartUpload(m -> m.parts(Arrays.asList(completed))));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
