package io.mockfactory.storage.usage;

import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.internal.storage.StorageUsage;
import io.mockfactory.internal.storage.StorageUsageOperations;
import io.mockfactory.kit.db.Transactions;

/** A user's live storage, for the gateway's account limits: the very figure the storage quota enforces. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class StorageUsageController implements StorageUsageOperations {
    private final Transactions transactions;
    private final StoredBytes storedBytes;

    public StorageUsageController(Transactions transactions, StoredBytes storedBytes) {
        this.transactions = transactions;
        this.storedBytes = storedBytes;
    }

    @Override
    public StorageUsage usage(String userId) throws Exception {
        return transactions.read(connection -> storedBytes.perUser(connection, userId));
    }
}
