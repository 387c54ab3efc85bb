package io.mockfactory.junit5;

import io.mockfactory.client.credentials.Credentials;
import io.mockfactory.client.credentials.ServiceCredentials;
import io.mockfactory.client.environment.Environment;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** What a field or parameter of a given type receives from a leased environment. */
final class Injection {
    private Injection() {
    }

    static boolean isInjectable(Class<?> type) {
        return type == LeasedEnvironment.class || type == Environment.class || type == Credentials.class;
    }

    static Object valueFor(Class<?> type, Service service, LeasedEnvironment leased, String name) {
        if (service != null) {
            if (!ServiceCredentials.class.isAssignableFrom(type)) {
                throw new ExtensionConfigurationException("@Service(\"" + service.value() + "\") " + name
                        + " must be a credentials type (RedisCredentials, PostgresCredentials, S3Credentials, SqsCredentials)");
            }
            try {
                return leased.service(service.value(), type.asSubclass(ServiceCredentials.class));
            } catch (RuntimeException mismatch) {
                throw new ExtensionConfigurationException("@Service(\"" + service.value() + "\") " + name + ": "
                        + mismatch.getMessage(), mismatch);
            }
        }
        if (type == LeasedEnvironment.class) {
            return leased;
        }
        if (type == Environment.class) {
            return leased.environment();
        }
        if (type == Credentials.class) {
            return leased.credentials();
        }
        throw new ExtensionConfigurationException(name + " is a " + type.getSimpleName()
                + "; an environment goes into a LeasedEnvironment, Environment or Credentials");
    }
}
