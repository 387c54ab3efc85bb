package io.mockfactory.provisioner.snapshot;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.events.EventIds;
import io.mockfactory.internal.snapshot.SnapshotOperations;
import io.mockfactory.internal.snapshot.SnapshotView;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.web.Page;

import java.util.Optional;

/** The owner's snapshots for the gateway: another user's, or a clone's, is the same empty answer as none. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InternalSnapshotController implements SnapshotOperations {
    private static final String SNAPSHOT_PREFIX = "snap";

    private final Transactions transactions;
    private final Snapshots snapshots;

    public InternalSnapshotController(Transactions transactions, Snapshots snapshots) {
        this.transactions = transactions;
        this.snapshots = snapshots;
    }

    @Override
    public Page<SnapshotView> snapshots(String userId, @Nullable String limit, @Nullable String cursor) throws Exception {
        int pageSize = Page.pageSize(limit);
        String after = Page.requireCursor(cursor, SNAPSHOT_PREFIX);
        return Page.of(transactions.inTransaction(tx -> snapshots.listed(tx, userId, after, pageSize + 1)).stream()
                .map(SnapshotRecord::view).toList(), pageSize, SnapshotView::id);
    }

    @Override
    public Optional<SnapshotView> snapshot(String id, String userId) throws Exception {
        if (!EventIds.isWellFormed(SNAPSHOT_PREFIX, id)) {
            return Optional.empty();
        }
        return transactions.inTransaction(tx -> snapshots.find(tx, id)).filter(found -> found.userId().equals(userId))
                .filter(found -> !found.hidden()).map(SnapshotRecord::view);
    }

    @Override
    public int snapshotCount(String userId) throws Exception {
        return transactions.inTransaction(tx -> snapshots.countKept(tx, userId));
    }
}
