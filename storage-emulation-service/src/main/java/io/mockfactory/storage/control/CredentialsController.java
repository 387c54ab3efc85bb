package io.mockfactory.storage.control;

import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.events.EventIds;
import io.mockfactory.internal.credentials.Credentials;
import io.mockfactory.internal.credentials.CredentialsOperations;
import io.mockfactory.internal.credentials.ServiceCredentials;
import io.mockfactory.kit.secret.CredentialVault;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;

/** The aws_s3 key pair of an environment, for the gateway's credentials route (the only place secrets are shown). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class CredentialsController implements CredentialsOperations {
    private final DataSource dataSource;
    private final S3Services services;
    private final CredentialVault vault;
    private final S3Endpoint endpoint;

    public CredentialsController(DataSource dataSource, S3Services services, CredentialVault vault, S3Endpoint endpoint) {
        this.dataSource = dataSource;
        this.services = services;
        this.vault = vault;
        this.endpoint = endpoint;
    }

    @Override
    public Optional<Credentials> credentials(String environmentId, String userId) throws Exception {
        if (!EventIds.isWellFormed("env", environmentId)) {
            return Optional.empty();
        }
        Optional<S3ServiceRecord> owned;
        try (Connection connection = dataSource.getConnection()) {
            owned = services.byEnvironment(connection, environmentId).filter(found -> found.userId().equals(userId));
        }
        return owned.map(record -> new Credentials(S3ServiceRecord.DESTROYED.equals(record.status()) ? Map.of()
                : Map.of(S3ServiceHandler.SERVICE, new ServiceCredentials(null, endpoint.url(), null, null, null, null,
                null, record.region(), record.accessKeyId(), vault.decrypt(record.secret(),
                S3ServiceRecord.binding(environmentId))))));
    }
}
