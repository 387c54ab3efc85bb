package io.mockfactory.provisioner.credentials;

import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.events.EventIds;
import io.mockfactory.internal.credentials.Credentials;
import io.mockfactory.internal.credentials.CredentialsOperations;
import io.mockfactory.internal.credentials.ServiceCredentials;
import io.mockfactory.provisioner.instance.InstanceStatus;
import io.mockfactory.provisioner.instance.ServiceInstance;
import io.mockfactory.provisioner.instance.ServiceInstances;
import io.mockfactory.provisioner.runtime.ConnectionStrings;
import io.mockfactory.kit.secret.CredentialVault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place a service password is decrypted: for the gateway's {@code /credentials}, for the environment's owner
 * only (anyone else gets the same 404 as for an environment that does not exist).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class CredentialsController implements CredentialsOperations {
    private static final Set<String> REVEALABLE = Set.of(InstanceStatus.PROVISIONING, InstanceStatus.STARTING,
            InstanceStatus.RUNNING, InstanceStatus.STOPPING, InstanceStatus.STOPPED);

    private final Transactions transactions;
    private final ServiceInstances instances;
    private final CredentialVault vault;

    public CredentialsController(Transactions transactions, ServiceInstances instances, CredentialVault vault) {
        this.transactions = transactions;
        this.instances = instances;
        this.vault = vault;
    }

    @Override
    public Optional<Credentials> credentials(String environmentId, String userId) throws Exception {
        if (!EventIds.isWellFormed("env", environmentId)) {
            return Optional.empty();
        }
        List<ServiceInstance> owned = transactions.inTransaction(tx -> instances.ofEnvironment(tx, environmentId)).stream()
                .filter(instance -> instance.userId().equals(userId)).toList();
        if (owned.isEmpty()) {
            return Optional.empty();
        }
        Map<String, ServiceCredentials> services = new LinkedHashMap<>();
        for (ServiceInstance instance : owned) {
            if (REVEALABLE.contains(instance.status()) && instance.secret() != null && instance.port() != null) {
                String password = vault.decrypt(instance.secret(), instance.secretBinding());
                services.put(instance.service(), ConnectionStrings.credentials(instance.service(), instance.port(), password));
            }
        }
        return Optional.of(new Credentials(services));
    }
}
