package io.mockfactory.kit.db;

import com.zaxxer.hikari.HikariConfig;
import io.mockfactory.kit.process.StartupFailure;
import org.postgresql.ds.common.BaseDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;

/**
 * A starting service waits for PostgreSQL while it is unreachable or still starting (containers start in any
 * order), but gives up at once, with one line that says what to fix, when the database refuses this service's
 * credentials or does not exist: waiting cannot fix configuration.
 */
final class DatabaseReadiness {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseReadiness.class);

    /** 28P01 invalid password, 28000 invalid authorization (no such role, pg_hba.conf), 3D000 no such database. */
    private static final Set<String> REFUSED = Set.of("28P01", "28000", "3D000");
    /**
     * 08001 cannot connect, 08006 connection failure, 57P03 the server is starting up, 57P01 it is shutting down
     * (the official image restarts PostgreSQL once after running its init scripts).
     */
    private static final Set<String> NOT_YET = Set.of("08001", "08006", "57P03", "57P01");
    private static final Duration PAUSE = Duration.ofSeconds(1);
    private static final Duration WARN_EVERY = Duration.ofSeconds(5);

    enum Verdict { REFUSED, NOT_YET, OTHER }

    private DatabaseReadiness() {
    }

    /** Returns once {@code dataSource} hands out a connection; throws {@link StartupFailure} when it will not. */
    static void await(DataSource dataSource, Duration wait) {
        Target target = Target.of(dataSource);
        long start = System.nanoTime();
        long nextWarning = start;
        while (true) {
            try (Connection ignored = dataSource.getConnection()) {
                return;
            } catch (SQLException e) {
                Verdict verdict = classify(e);
                if (verdict == Verdict.REFUSED) {
                    throw new StartupFailure(refusal(e, target), e);
                }
                if (verdict == Verdict.OTHER) {
                    throw new IllegalStateException("Cannot connect to PostgreSQL at " + target.url() + ": " + e.getMessage(), e);
                }
                long now = System.nanoTime();
                Duration waited = Duration.ofNanos(now - start);
                if (waited.compareTo(wait) >= 0) {
                    throw new StartupFailure("PostgreSQL at " + target.url() + " did not accept connections within "
                            + wait.toSeconds() + " s (mockfactory.db.startup-wait): " + reason(e), e);
                }
                if (now - nextWarning >= 0) {
                    LOG.warn("waiting for PostgreSQL at {} ({}); giving up after {} s", target.url(), reason(e), wait.toSeconds());
                    nextWarning = now + WARN_EVERY.toNanos();
                }
                pause();
            }
        }
    }

    static Verdict classify(Throwable error) {
        boolean notYet = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && REFUSED.contains(state)) {
                return Verdict.REFUSED;
            }
            notYet |= (state != null && NOT_YET.contains(state))
                    || t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException
                    // the pool timed out before any attempt failed: the server is slow, not refusing
                    || (t instanceof SQLTransientConnectionException && state == null);
        }
        return notYet ? Verdict.NOT_YET : Verdict.OTHER;
    }

    static String refusal(Throwable error, Target target) {
        String prefix = "cannot sign in to PostgreSQL at " + target.url() + " as role " + target.role() + ": ";
        return prefix + switch (refusedState(error)) {
            case "28P01" -> "password authentication failed; check the secret datasources.default.password";
            case "3D000" -> "the database does not exist; check datasources.default.url and that the deployment created it";
            default -> "the server does not accept this role (it may not exist, or pg_hba.conf has no entry for it);"
                    + " check datasources.default.username";
        };
    }

    /** A JDBC URL fit for a log line: no user info and no parameters, where a password could be. */
    static String redact(String url) {
        if (url == null || url.isBlank()) {
            return "the configured database";
        }
        return url.replaceFirst("\\?.*$", "").replaceFirst("//[^/@]*@", "//");
    }

    private static String refusedState(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && REFUSED.contains(sql.getSQLState())) {
                return sql.getSQLState();
            }
        }
        return "";
    }

    /** The innermost message, first line only: the driver's is more precise than the pool's. */
    private static String reason(Throwable error) {
        Throwable innermost = error;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
        if (innermost instanceof UnknownHostException) {
            message = "unknown host " + message;
        }
        return message.lines().findFirst().orElse("").strip();
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for PostgreSQL", e);
        }
    }

    /** Where the service signs in, for messages: never the password. */
    record Target(String url, String role) {
        static Target of(DataSource dataSource) {
            if (dataSource instanceof HikariConfig hikari) {
                return new Target(redact(hikari.getJdbcUrl()), role(hikari.getUsername()));
            }
            if (dataSource instanceof BaseDataSource postgres) {
                return new Target(redact(postgres.getUrl()), role(postgres.getUser()));
            }
            return new Target(redact(null), role(null));
        }

        private static String role(String user) {
            return user == null || user.isBlank() ? "(none configured)" : user;
        }
    }
}
