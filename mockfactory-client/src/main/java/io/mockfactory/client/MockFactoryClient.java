package io.mockfactory.client;

import io.mockfactory.client.apikey.ApiKeys;
import io.mockfactory.client.environment.Environments;
import io.mockfactory.client.http.ApiTransport;
import io.mockfactory.client.http.ClientSettings;
import io.mockfactory.client.snapshot.Snapshots;
import io.mockfactory.client.upload.Uploads;

import java.time.Duration;

/**
 * MockFactory's REST API for test suites and tools.
 *
 * <pre>{@code
 * MockFactoryClient client = MockFactoryClient.fromEnvironment();   // MOCKFACTORY_URL, MOCKFACTORY_API_KEY
 * Environment env = client.environments().createAndAwait(
 *         EnvironmentSpec.named("it").service("postgresql_pgvector").service("aws_s3").ttlMinutes(30),
 *         Duration.ofMinutes(2));
 * PostgresCredentials pg = client.environments().credentials(env.id()).postgres("postgresql_pgvector");
 *
 * Snapshot fixtures = client.snapshots().create(env.id(), "fixtures");       // waits until ready
 * Environment branch = client.environments().createAndAwait(
 *         EnvironmentSpec.named("branch").fromSnapshot(fixtures.id()), Duration.ofMinutes(2));
 * Environment copy = client.environments().cloneAndAwait(env.id(), null, Duration.ofMinutes(2));
 *
 * Upload files = client.uploads().create(Path.of("fixtures.tar.gz"));          // a tar, tar.gz or zip
 * Environment s3 = client.environments().createAndAwait(
 *         EnvironmentSpec.named("with-files").seedObjects(files.id(), "fixtures"), Duration.ofMinutes(2));
 * }</pre>
 */
public final class MockFactoryClient {
    private final ApiTransport transport;
    private final Environments environments;
    private final ApiKeys apiKeys;
    private final Snapshots snapshots;
    private final Uploads uploads;

    private MockFactoryClient(ClientSettings settings) {
        this.transport = new ApiTransport(settings);
        this.environments = new Environments(transport);
        this.apiKeys = new ApiKeys(transport);
        this.snapshots = new Snapshots(transport);
        this.uploads = new Uploads(transport);
    }

    public static MockFactoryClient of(ClientSettings settings) {
        return new MockFactoryClient(settings);
    }

    /** @param credential an API key ({@code mf_…}) or an access token */
    public static MockFactoryClient of(String url, String credential) {
        return new MockFactoryClient(ClientSettings.of(url, credential, Duration.ofSeconds(60)));
    }

    /** From {@code -Dmockfactory.url} / {@code -Dmockfactory.api-key}, else {@code MOCKFACTORY_URL} / {@code MOCKFACTORY_API_KEY}. */
    public static MockFactoryClient fromEnvironment() {
        return new MockFactoryClient(ClientSettings.resolve(null, null, System.getenv()));
    }

    public Environments environments() {
        return environments;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /** Snapshots of environments' data; environments made from them and clones are {@link #environments()}'. */
    public Snapshots snapshots() {
        return snapshots;
    }

    /** Files to seed S3 buckets from ({@code EnvironmentSpec.seedObjects}). */
    public Uploads uploads() {
        return uploads;
    }

    public ClientSettings settings() {
        return transport.settings();
    }

    @Override
    public String toString() {
        return "MockFactoryClient{" + transport.settings() + "}";
    }
}
