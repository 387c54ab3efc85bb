package io.mockfactory.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/**
 * Where a create's time went between the services, read from their outbox tables after a run: each row has when its
 * transaction began ({@code created_at}) and when the broker had acknowledged it ({@code published_at}). Medians over
 * the environments given, in milliseconds, hop by hop from the gateway's command to environment-service's
 * EnvironmentRunning (the gateway's wait for the read model comes after the last hop, and its own work before the first).
 */
final class PipelineHops {
    private static final String MEDIANS = """
            WITH c AS (SELECT message_key env, created_at c, published_at p FROM gateway.outbox
                       WHERE type = 'CreateEnvironment' AND message_key = ANY (?)),
                 v AS (SELECT message_key env, created_at c FROM %1$s.outbox WHERE type = 'ServiceProvisioning'),
                 s AS (SELECT message_key env, created_at c, published_at p FROM %1$s.outbox WHERE type = 'ServiceReady'),
                 r AS (SELECT message_key env, created_at c FROM environment.outbox WHERE type = 'EnvironmentRunning'),
                 hops AS (SELECT extract(epoch FROM c.p - c.c) * 1000 AS command,
                                 extract(epoch FROM v.c - c.p) * 1000 AS to_reserve_tx,
                                 extract(epoch FROM s.c - v.c) * 1000 AS to_ready_tx,
                                 extract(epoch FROM s.p - s.c) * 1000 AS ready,
                                 extract(epoch FROM r.c - s.p) * 1000 AS to_running_tx,
                                 extract(epoch FROM r.c - c.c) * 1000 AS total
                          FROM c JOIN v USING (env) JOIN s USING (env) JOIN r USING (env))
            SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY command),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY to_reserve_tx),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY to_ready_tx), percentile_cont(0.5) WITHIN GROUP (ORDER BY ready),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY to_running_tx), percentile_cont(0.5) WITHIN GROUP (ORDER BY total)
            FROM hops""";

    private PipelineHops() {
    }

    /** @param owner the schema of the service that emits the type's ServiceReady: storage for aws_s3, else provisioner */
    static String medians(int postgresPort, String owner, List<String> environmentIds) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort
                + "/mockfactory", "postgres", "");
             PreparedStatement select = connection.prepareStatement(String.format(MEDIANS, owner))) {
            select.setArray(1, connection.createArrayOf("text", environmentIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return String.format("pipeline hops (median ms, n=%d): gateway command tx -> published %.1f;"
                                + " -> %s's ServiceProvisioning tx began %.1f; -> its ServiceReady tx began %.1f;"
                                + " that tx -> published %.1f; -> environment-service's EnvironmentRunning tx began %.1f;"
                                + " command tx -> running tx %.1f",
                        rs.getInt(1), rs.getDouble(2), owner, rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6),
                        rs.getDouble(7));
            }
        }
    }
}
