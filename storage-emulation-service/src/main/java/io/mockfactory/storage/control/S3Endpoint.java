package io.mockfactory.storage.control;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.URI;

/** The address users are given for the data plane (not necessarily where it binds: a deployment may proxy it). */
@Singleton
public class S3Endpoint {
    private final URI publicEndpoint;
    private final String defaultRegion;

    public S3Endpoint(@Value("${mockfactory.s3.public-endpoint:`http://localhost:4566`}") String publicEndpoint,
                      @Value("${mockfactory.s3.default-region:us-east-1}") String defaultRegion) {
        this.publicEndpoint = URI.create(publicEndpoint);
        this.defaultRegion = defaultRegion;
    }

    public String url() {
        return publicEndpoint.toString();
    }

    public String host() {
        return publicEndpoint.getHost();
    }

    public int port() {
        if (publicEndpoint.getPort() > 0) {
            return publicEndpoint.getPort();
        }
        return "https".equals(publicEndpoint.getScheme()) ? 443 : 80;
    }

    public String defaultRegion() {
        return defaultRegion;
    }
}
