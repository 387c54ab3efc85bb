package io.mockfactory.internal.snapshot;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.mockfactory.kit.web.Page;

import java.util.Optional;

/** The provisioner's snapshots (it holds their data) as the gateway queries them; every query names the owner. */
public interface SnapshotOperations {

    /** The owner's snapshots, newest first; those made for a clone are not listed. */
    @Get("/internal/snapshots")
    Page<SnapshotView> snapshots(@QueryValue("user_id") String userId, @Nullable @QueryValue String limit,
                                 @Nullable @QueryValue String cursor) throws Exception;

    /** @return empty when the owner has no such snapshot (or only one made for a clone) */
    @Get("/internal/snapshots/{id}")
    Optional<SnapshotView> snapshot(@PathVariable String id, @QueryValue("user_id") String userId) throws Exception;

    /** How many snapshots the owner keeps (any status but deleting), for the per-user limit. */
    @Get("/internal/snapshots/count")
    int snapshotCount(@QueryValue("user_id") String userId) throws Exception;
}
