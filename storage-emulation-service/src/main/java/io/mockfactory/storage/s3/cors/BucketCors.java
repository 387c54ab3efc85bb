package io.mockfactory.storage.s3.cors;

import io.mockfactory.storage.s3.S3Action;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.auth.Authenticated;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * What the dispatcher asks about CORS: the answer to a preflight ({@code OPTIONS}, unauthenticated, as browsers send
 * it), the {@code Access-Control-*} headers of every other answer to a request with an {@code Origin} (errors too, so
 * a page can read them), and the three configuration operations.
 *
 * <p>Bucket names are per environment, and a preflight carries no credentials: it is answered from the buckets of
 * that name that have a configuration, oldest first, by the first whose rules allow it. An authenticated request is
 * judged by its own environment's bucket only; one whose authentication failed, like a preflight.
 */
@Singleton
public class BucketCors {
    private static final Logger LOG = LoggerFactory.getLogger(BucketCors.class);
    private static final String NOT_ALLOWED = "CORSResponse: This CORS request is not allowed. This is usually because the"
            + " evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are"
            + " not whitelisted by the resource's CORS spec.";

    private final CorsConfigurations configurations;
    private final CorsOperations operations;

    public BucketCors(CorsConfigurations configurations, CorsOperations operations) {
        this.configurations = configurations;
        this.operations = operations;
    }

    public CorsOperations operations() {
        return operations;
    }

    /** The answer to {@code OPTIONS /bucket[/key]}; S3's errors are thrown. */
    public S3Response preflight(S3Request request) {
        String origin = request.header("Origin");
        if (origin == null || origin.isEmpty()) {
            throw S3Error.BAD_REQUEST.exception("Insufficient information. Origin request header needed.");
        }
        String method = request.header("Access-Control-Request-Method");
        if (method == null || !CorsXml.METHODS.contains(method)) {
            throw S3Error.BAD_REQUEST.exception("Invalid Access-Control-Request-Method: " + method);
        }
        List<CorsStore.BucketRules> candidates = configurations.forBucketName(request.bucket());
        if (candidates.isEmpty()) {
            throw forbidden("CORSResponse: CORS is not enabled for this bucket.", request, method);
        }
        List<String> headers = CorsHeaders.requested(request.header("Access-Control-Request-Headers"));
        CorsRule rule = firstMatch(candidates, origin, method, headers)
                .orElseThrow(() -> forbidden(NOT_ALLOWED, request, method));
        S3Response response = S3Response.ok();
        CorsHeaders.add(response, rule, origin, headers);
        return response;
    }

    /**
     * Called with every answer but a preflight's: adds the CORS headers when the request has an {@code Origin} its
     * bucket's rules allow for its method, and forgets cached configurations the request changed. A request without
     * {@code Origin} costs nothing here. Never throws: an answer is not lost for want of its CORS headers.
     *
     * @param auth null when the request was not authenticated (its authentication failed)
     */
    public S3Response answered(S3Request request, Authenticated auth, S3Response response) {
        String bucket = request.bucket();
        if (bucket == null || request.action() == S3Action.PREFLIGHT) {
            // A refused preflight gets no CORS headers: they would say it was allowed
            return response;
        }
        if (request.action() == S3Action.DELETE_BUCKET && response.status() / 100 == 2) {
            configurations.forget(bucket);
        }
        String origin = request.header("Origin");
        if (origin == null || origin.isEmpty()) {
            return response;
        }
        try {
            List<CorsStore.BucketRules> candidates = configurations.forBucketName(bucket);
            if (auth != null) {
                candidates = candidates.stream().filter(c -> c.environmentId().equals(auth.environmentId())).toList();
            }
            firstMatch(candidates, origin, request.method(), List.of())
                    .ifPresent(rule -> CorsHeaders.add(response, rule, origin, List.of()));
        } catch (RuntimeException e) {
            LOG.warn("No CORS headers for {} {} (request {}): {}", request.method(), request.path(), request.requestId(), e.toString());
        }
        return response;
    }

    private static Optional<CorsRule> firstMatch(List<CorsStore.BucketRules> candidates, String origin, String method,
                                                 List<String> headers) {
        for (CorsStore.BucketRules candidate : candidates) {
            for (CorsRule rule : candidate.rules()) {
                if (rule.matches(origin, method, headers)) {
                    return Optional.of(rule);
                }
            }
        }
        return Optional.empty();
    }

    private static S3Exception forbidden(String message, S3Request request, String method) {
        return S3Error.ACCESS_FORBIDDEN.exception(message).with("Method", method)
                .with("ResourceType", request.key() == null ? "BUCKET" : "OBJECT");
    }
}
