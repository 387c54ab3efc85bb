package io.mockfactory.internal.storage;

import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

/**
 * storage-emulation-service's live storage figure as the gateway queries it (the account's limits); every query
 * names the owner. Live, unlike billing's metering, which integrates the periodic usage reports.
 */
public interface StorageUsageOperations {

    /** @return zeros for a user who stores nothing (or is unknown here) */
    @Get("/internal/storage/usage")
    StorageUsage usage(@QueryValue("user_id") String userId) throws Exception;
}
