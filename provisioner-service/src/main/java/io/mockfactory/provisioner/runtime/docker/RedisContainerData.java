package io.mockfactory.provisioner.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import io.mockfactory.provisioner.runtime.Endpoint;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Redis in a container: SAVE writes a point-in-time RDB file (to a temporary file, renamed when complete), which is
 * copied out. It goes back in as the base of Redis 7's multi-part append-only file (an RDB base is one of the kinds its
 * manifest names), so the new container, whose configuration says appendonly as every container's does, loads it on
 * its first start and appends to it from then on: no step after the start, and no restart that could come up empty.
 */
final class RedisContainerData implements ContainerData {
    private static final int SAVE_TIMEOUT_MILLIS = 300_000;
    private static final String DATA = "/data";
    private static final String AOF_DIR = "appendonlydir/";
    private static final String BASE = "appendonly.aof.1.base.rdb";

    @Override
    public void copyOut(DockerClient docker, String container, Endpoint address, InstanceSpec spec, TarArchiveOutputStream into)
            throws Exception {
        try (Jedis redis = new Jedis(address.host(), address.port(), DefaultJedisClientConfig.builder()
                .password(spec.password()).connectionTimeoutMillis(2000).socketTimeoutMillis(SAVE_TIMEOUT_MILLIS).build())) {
            redis.save();
        }
        // The RDB file stays in the source container (the archive API cannot remove it); its server, reading its AOF,
        // never loads it, and the next snapshot's SAVE replaces it
        try (TarArchiveInputStream saved = new TarArchiveInputStream(
                docker.copyArchiveFromContainerCmd(container, DATA + "/dump.rdb").exec())) {
            TarArchiveEntry dump = saved.getNextEntry();
            if (dump == null || !dump.isFile()) {
                throw new IllegalStateException("Redis saved no dump.rdb in its container");
            }
            writeAsAofBase(saved, dump.getSize(), into);
        }
    }

    /** {@code size} bytes of an RDB file as the base of an append-only file that names nothing else. */
    static void writeAsAofBase(InputStream rdb, long size, TarArchiveOutputStream into) throws IOException {
        TarArchiveEntry dir = new TarArchiveEntry(AOF_DIR);
        dir.setMode(040755);
        into.putArchiveEntry(dir);
        into.closeArchiveEntry();
        TarArchiveEntry base = new TarArchiveEntry(AOF_DIR + BASE);
        base.setSize(size);
        base.setMode(0100600);
        into.putArchiveEntry(base);
        rdb.transferTo(into);
        into.closeArchiveEntry();
        byte[] manifest = ("file " + BASE + " seq 1 type b\n").getBytes(StandardCharsets.US_ASCII);
        TarArchiveEntry manifestEntry = new TarArchiveEntry(AOF_DIR + "appendonly.aof.manifest");
        manifestEntry.setSize(manifest.length);
        manifestEntry.setMode(0100600);
        into.putArchiveEntry(manifestEntry);
        into.write(manifest);
        into.closeArchiveEntry();
    }

    /** Its append-only files, which hold the data set, as they are: the new container starts from them. */
    @Override
    public void copyOutStopped(DockerClient docker, String container, TarArchiveOutputStream into) throws Exception {
        ContainerSnapshots.copyEntries(docker, container, DATA + "/appendonlydir", into, name -> true);
    }

    @Override
    public String restoreDir() {
        return DATA;
    }
}
