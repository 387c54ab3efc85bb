package io.mockfactory.gateway.environment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The create body as the OpenAPI document shows it; {@link CreateEnvironmentValidator} reads exactly these fields.
 * {@code services} maps a service type to its settings.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@Schema(description = "Fields not listed here are ignored.")
public record CreateEnvironmentRequest(
        @Schema(description = "1 to 63 letters, digits, spaces, '.', '_' or '-'") String name,
        Map<String, ServiceSettings> services,
        @Nullable @Schema(description = "Destroyed this many minutes after creation (1 to 10080)", minimum = "1",
                maximum = "10080") Integer ttlMinutes) {

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ServiceSettings(
            @Nullable @Schema(description = "One of the catalog's versions, or latest (the default)") String version,
            @Nullable @Schema(description = "aws_s3 only: the region its credentials name") String region,
            @Nullable @Schema(description = "Data the service starts with, applied before it is reported running; the"
                    + " form its type takes. A seed that fails makes the environment failed with the error in"
                    + " last_error, and everything it held is released. At most 512 KiB for all seeds of a request")
            Seed seed) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Seed(
            @Nullable @Schema(description = "postgresql, postgresql_pgvector, postgis: SQL statements, run in one"
                    + " transaction in database testdb as user postgres") String sql,
            @Nullable @Schema(description = "redis: up to 10,000 commands, each a list of strings such as"
                    + " [\"SET\",\"k\",\"v\"] or a redis-cli line such as \"SET k 'a b'\"; sent in order")
            List<Object> commands,
            @Nullable @Schema(description = "redis: one of your uploads (upl_…, POST /api/v1/uploads) holding an RDB"
                    + " file (redis-cli --rdb, SAVE), loaded before the first start; instead of commands") String rdb,
            @Nullable @Schema(description = "elasticmq: up to 100 queues, created with their messages sent in order")
            List<QueueSeed> queues,
            @Nullable @Schema(description = "aws_s3: up to 20 buckets of your other environments, each copied under its"
                    + " name with its settings and every object version") List<BucketSeed> buckets,
            @Nullable @Schema(description = "aws_s3: the files of one of your uploads (POST /api/v1/uploads) as the"
                    + " objects of a new bucket, each keyed by its path in the archive") ObjectsSeed objects) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record BucketSeed(@Schema(description = "another of your environments (env_…)") String environmentId,
                             @Schema(description = "its bucket to copy") String bucket) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ObjectsSeed(@Schema(description = "one of your uploads (upl_…): a tar, gzipped tar or zip") String upload,
                              @Schema(description = "the bucket made for its files") String bucket) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record QueueSeed(
            @Schema(description = "1 to 80 letters, digits, '-' or '_', optionally ending in .fifo") String name,
            @Nullable @Schema(description = "Up to 1,000 message bodies of at most 256 KiB each") List<String> messages) {
    }
}
