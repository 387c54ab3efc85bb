package io.mockfactory.provisioner.seed;

import io.mockfactory.events.seed.ServiceSeed;
import io.mockfactory.provisioner.runtime.Endpoint;
import jakarta.inject.Singleton;

/** Applies a service's seed to its freshly started instance, through the protocol its users speak. */
@Singleton
public class Seeder {

    /** @throws SeedFailure if the service refused the seed: the instance holds part of it and must be discarded */
    public void apply(String service, Endpoint endpoint, String password, ServiceSeed seed)
            throws SeedFailure, InterruptedException {
        if (seed.sql() != null) {
            PostgresSeeding.apply(endpoint, password, seed.sql());
        } else if (seed.commands() != null) {
            RedisSeeding.apply(endpoint, password, seed.commands());
        } else if (seed.queues() != null) {
            QueueSeeding.apply(endpoint, seed.queues());
        } else if (seed.rdb() != null) {
            return; // the uploaded RDB file was the instance's data before it started (UploadedDumps)
        } else {
            throw new SeedFailure(service, "the seed has no form this service takes");
        }
    }
}
