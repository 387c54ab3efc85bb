package io.mockfactory.storage.blob;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings the filesystem store back in line with the metadata after a crash: a namespace older than any transaction
 * that could still be making it whose environment has no live aws_s3 service (or whose snapshot has no S3 part) is
 * deleted, and a blob that no object, upload part or
 * snapshot object references (written, then the process
 * died before its transaction committed), or a partial one (the process died while writing it), is deleted once it is
 * older than any upload could still be running.
 */
@Singleton
public class BlobReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(BlobReconciler.class);

    private final DataSource dataSource;
    private final BlobStore store;
    private final Duration orphanAge;

    public BlobReconciler(DataSource dataSource, BlobStore store,
                          @Value("${mockfactory.blob-store.orphan-age:6h}") Duration orphanAge) {
        this.dataSource = dataSource;
        this.store = store;
        this.orphanAge = orphanAge;
    }

    @Scheduled(fixedDelay = "${mockfactory.blob-store.reconcile-interval:1h}", initialDelay = "20s")
    public void reconcile() {
        if (!(store instanceof FilesystemBlobStore filesystem)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            Set<String> live = strings(connection, "SELECT environment_id FROM s3_services WHERE status <> 'destroyed'"
                    + " UNION ALL SELECT snapshot_id FROM s3_snapshots UNION ALL SELECT namespace FROM seed_uploads");
            int orphans = 0;
            for (String namespace : filesystem.namespaces()) {
                Instant cutoff = Instant.now().minus(orphanAge);
                if (!live.contains(namespace)) {
                    // One made by a transaction still running (a create, a snapshot) is young, and its owner's row
                    // may have committed since the list was read: only an old one still unowned now is deleted
                    if (filesystem.namespaceUnchangedSince(namespace, cutoff) && !owned(connection, namespace)) {
                        filesystem.deleteNamespace(namespace);
                        LOG.info("Deleted blob namespace {}: no live aws_s3 service, snapshot or upload owns it", namespace);
                    }
                    continue;
                }
                orphans += filesystem.deleteUnfinishedWritesBefore(namespace, cutoff);
                List<String> old = filesystem.blobsWrittenBefore(namespace, cutoff);
                if (old.isEmpty()) {
                    continue;
                }
                Set<String> referenced = referenced(connection, namespace);
                for (String blob : old) {
                    if (!referenced.contains(blob)) {
                        filesystem.delete(namespace, blob);
                        orphans++;
                    }
                }
            }
            if (orphans > 0) {
                LOG.info("Deleted {} unreferenced or unfinished blobs left by interrupted uploads", orphans);
            }
        } catch (Exception e) {
            LOG.warn("Blob reconciliation failed; will retry: {}", e.toString());
        }
    }

    private static boolean owned(Connection connection, String namespace) throws Exception {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM s3_services WHERE environment_id = ?"
                + " AND status <> 'destroyed' UNION ALL SELECT 1 FROM s3_snapshots WHERE snapshot_id = ?"
                + " UNION ALL SELECT 1 FROM seed_uploads WHERE namespace = ?")) {
            select.setString(1, namespace);
            select.setString(2, namespace);
            select.setString(3, namespace);
            return !collect(select).isEmpty();
        }
    }

    private static Set<String> referenced(Connection connection, String namespace) throws Exception {
        if (namespace.startsWith("snap_")) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT blob_id FROM s3_snapshot_objects WHERE snapshot_id = ? AND blob_id IS NOT NULL")) {
                select.setString(1, namespace);
                return collect(select);
            }
        }
        if (namespace.startsWith("upl_")) {
            try (PreparedStatement select = connection.prepareStatement("SELECT blob_id FROM seed_uploads WHERE namespace = ?")) {
                select.setString(1, namespace);
                return collect(select);
            }
        }
        String environmentId = namespace;
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT o.blob_id FROM objects o JOIN buckets b ON b.id = o.bucket_id WHERE b.environment_id = ? AND o.blob_id IS NOT NULL
                UNION ALL
                SELECT p.blob_id FROM upload_parts p JOIN multipart_uploads u ON u.upload_id = p.upload_id
                    JOIN buckets b ON b.id = u.bucket_id WHERE b.environment_id = ?""")) {
            select.setString(1, environmentId);
            select.setString(2, environmentId);
            return collect(select);
        }
    }

    private static Set<String> strings(Connection connection, String sql) throws Exception {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            return collect(select);
        }
    }

    private static Set<String> collect(PreparedStatement select) throws Exception {
        Set<String> values = new HashSet<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
