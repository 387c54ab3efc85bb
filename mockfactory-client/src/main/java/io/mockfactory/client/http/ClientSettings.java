package io.mockfactory.client.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where MockFactory is and who calls it. Each value comes from what the code passes, else the system property
 * ({@code mockfactory.url}, {@code mockfactory.api-key}), else the environment ({@code MOCKFACTORY_URL},
 * {@code MOCKFACTORY_API_KEY}), else the default URL {@code http://localhost:8080}. {@link #toString()} never shows the
 * key.
 */
public final class ClientSettings {
    public static final String DEFAULT_URL = "http://localhost:8080";

    private final URI baseUrl;
    private final String credential;
    private final Duration retryDeadline;

    private ClientSettings(URI baseUrl, String credential, Duration retryDeadline) {
        this.baseUrl = baseUrl;
        this.credential = credential;
        this.retryDeadline = retryDeadline;
    }

    /** @param credential an API key ({@code mf_…}) or an access token; null to call only the public routes */
    public static ClientSettings of(String url, String credential, Duration retryDeadline) {
        String base = Objects.requireNonNull(url, "url").strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri = URI.create(base);
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("The MockFactory URL must start with http:// or https://");
        }
        return new ClientSettings(uri, credential == null || credential.isBlank() ? null : credential.strip(),
                retryDeadline);
    }

    /** From system properties, then the environment; {@code url} and {@code credential}, when not null, win. */
    public static ClientSettings resolve(String url, String credential, Map<String, String> environment) {
        return of(first(url, System.getProperty("mockfactory.url"), environment.get("MOCKFACTORY_URL"), DEFAULT_URL),
                first(credential, System.getProperty("mockfactory.api-key"), environment.get("MOCKFACTORY_API_KEY"), null),
                Duration.ofSeconds(60));
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    public ClientSettings withRetryDeadline(Duration deadline) {
        return new ClientSettings(baseUrl, credential, deadline);
    }

    public ClientSettings withCredential(String newCredential) {
        return of(baseUrl.toString(), newCredential, retryDeadline);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The API key or token; null when none was configured. */
    public String credential() {
        return credential;
    }

    public boolean hasCredential() {
        return credential != null;
    }

    /** How long one call may spend retrying 429 and 503 answers. */
    public Duration retryDeadline() {
        return retryDeadline;
    }

    @Override
    public String toString() {
        return "ClientSettings{url=" + baseUrl + ", credential=" + (credential == null ? "none" : "set") + "}";
    }
}
