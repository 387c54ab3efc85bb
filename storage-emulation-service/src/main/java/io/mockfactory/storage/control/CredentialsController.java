package io.mockfactory.storage.control;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.mockfactory.kit.secret.CredentialVault;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The aws_s3 key pair of an environment, for the gateway's credentials route (the only place secrets are shown). */
@Controller("/internal/environments/{environmentId}/credentials")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CredentialsController {
    private final DataSource dataSource;
    private final S3Services services;
    private final CredentialVault vault;
    private final S3Endpoint endpoint;

    @Serdeable
    public record Credentials(Map<String, Map<String, Object>> services) {
    }

    public CredentialsController(DataSource dataSource, S3Services services, CredentialVault vault, S3Endpoint endpoint) {
        this.dataSource = dataSource;
        this.services = services;
        this.vault = vault;
        this.endpoint = endpoint;
    }

    @Get
    public Credentials credentials(@PathVariable String environmentId, @QueryValue("user_id") String userId) throws Exception {
        S3ServiceRecord record;
        try (Connection connection = dataSource.getConnection()) {
            record = services.byEnvironment(connection, environmentId)
                    .filter(found -> found.userId().equals(userId))
                    .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such environment."));
        }
        Map<String, Map<String, Object>> revealed = new LinkedHashMap<>();
        if (!S3ServiceRecord.DESTROYED.equals(record.status())) {
            Map<String, Object> s3 = new LinkedHashMap<>();
            s3.put("endpoint", endpoint.url());
            s3.put("access_key_id", record.accessKeyId());
            s3.put("secret_access_key", vault.decrypt(record.secret(), S3ServiceRecord.binding(environmentId)));
            s3.put("region", record.region());
            revealed.put(S3ServiceHandler.SERVICE, s3);
        }
        return new Credentials(revealed);
    }
}
