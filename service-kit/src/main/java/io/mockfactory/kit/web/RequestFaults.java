package io.mockfactory.kit.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.mockfactory.kit.db.DatabaseFailures;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Errors the framework reports with the wrong status, given their real cause: the request's fault or the service's.
 * <ul>
 *   <li>Netty's decoder refuses a request line or headers that are too long, and the framework calls both 413: they
 *   are 414 and 431.</li>
 *   <li>A value PostgreSQL refused as data (SQLSTATE class 22: bad encoding, too long, out of range) was the
 *   request's fault: 400, never a 500 that a caller's circuit breaker would count against the whole service.</li>
 *   <li>The database itself unavailable is a 503: retry later, and the peer's breaker should count it.</li>
 * </ul>
 */
final class RequestFaults {
    private static final String DATA_EXCEPTION_CLASS = "22";

    private RequestFaults() {
    }

    static Optional<ProblemException> of(HttpRequest<?> request, int status, @Nullable Throwable rootCause) {
        if (status == 413) {
            Throwable decoding = decoderFailure(request);
            if (decoding instanceof TooLongHttpLineException) {
                return Optional.of(new ProblemException(ProblemType.URI_TOO_LONG,
                        "The request line is too long; shorten the path or the query."));
            }
            if (decoding instanceof TooLongHttpHeaderException) {
                return Optional.of(new ProblemException(ProblemType.HEADERS_TOO_LARGE,
                        "The request headers are too large."));
            }
        }
        if (status >= 500 && rootCause != null && !(rootCause instanceof ProblemException)) {
            if (isDataException(rootCause)) {
                return Optional.of(new ProblemException(ProblemType.MALFORMED_REQUEST,
                        "The request has a value this service cannot store."));
            }
            if (DatabaseFailures.isInfrastructureFailure(rootCause)) {
                return Optional.of(new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                        "The service's database is unavailable; retry shortly."));
            }
        }
        return Optional.empty();
    }

    /** A request Netty could not parse reaches the error path as a placeholder whose path means nothing. */
    static boolean isUnparsed(HttpRequest<?> request) {
        return decoderFailure(request) != null;
    }

    @Nullable
    private static Throwable decoderFailure(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty && netty.getNativeRequest().decoderResult().isFailure()) {
            return netty.getNativeRequest().decoderResult().cause();
        }
        return null;
    }

    private static boolean isDataException(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(DATA_EXCEPTION_CLASS)) {
                return true;
            }
        }
        return false;
    }
}
