package io.mockfactory.storage.blob.oci;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.ConfigFileReader;
import com.oracle.bmc.auth.ConfigFileAuthenticationDetailsProvider;
import com.oracle.bmc.objectstorage.ObjectStorageClient;
import com.oracle.bmc.objectstorage.requests.GetNamespaceRequest;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.util.CircuitBreakerUtils;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;

/**
 * Builds the OCI blob store from an OCI config file and profile (as the OCI CLI writes them; mounted as a secret
 * file in a deployment, its key_file beside it). The namespace is asked of OCI unless configured, and buckets go to
 * the configured compartment or, by default, the tenancy's root compartment.
 */
public final class OciBlobStores {
    private OciBlobStores() {
    }

    public static OciBlobStore create(String configFile, String profile, String endpoint, String namespace,
                                      String compartmentId, String bucketPrefix, MeterRegistry registry) throws IOException {
        ConfigFileReader.ConfigFile config = ConfigFileReader.parse(configFile, profile);
        // The SDK's own retries and breaker are off: OciBlobStore's Resilience4j ones decide, so behaviour is one policy
        ClientConfiguration clientConfiguration = ClientConfiguration.builder()
                .retryConfiguration(RetryConfiguration.NO_RETRY_CONFIGURATION)
                .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
                .build();
        ObjectStorageClient client = ObjectStorageClient.builder().configuration(clientConfiguration)
                .build(new ConfigFileAuthenticationDetailsProvider(config));
        if (endpoint != null && !endpoint.isBlank()) {
            client.setEndpoint(endpoint);
        }
        OciCallMetrics metrics = new OciCallMetrics(registry);
        String resolvedNamespace = namespace == null || namespace.isBlank()
                ? metrics.observe("GetNamespace", () -> client.getNamespace(GetNamespaceRequest.builder().build())).getValue()
                : namespace;
        String compartment = compartmentId == null || compartmentId.isBlank() ? config.get("tenancy") : compartmentId;
        return new OciBlobStore(client, resolvedNamespace, compartment, bucketPrefix, metrics);
    }
}
