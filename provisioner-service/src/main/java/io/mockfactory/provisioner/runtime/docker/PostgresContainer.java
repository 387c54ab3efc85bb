package io.mockfactory.provisioner.runtime.docker;

import io.mockfactory.provisioner.runtime.Activity;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.PostgresProtocol;

import java.util.List;

/**
 * A PostgreSQL flavour of the mockfactory/postgresql image: its entrypoint sets the password from the 0600 file on the
 * first start and creates {@code extension} (postgis, vector) in testdb. Ready when the password works and the
 * extension is there.
 *
 * @param extension may be null: plain PostgreSQL
 */
record PostgresContainer(int containerPort, String extension) implements ContainerRecipe {

    @Override
    public List<ConfigFile> configFiles(InstanceSpec spec) {
        return List.of(new ConfigFile("password", spec.password(), 0600));
    }

    @Override
    public List<String> environment() {
        return extension == null ? List.of() : List.of("MOCKFACTORY_EXTENSION=" + extension);
    }

    @Override
    public boolean ready(String host, int port, InstanceSpec spec) {
        return PostgresProtocol.answersQuery(host, port, spec.password(), extension);
    }

    @Override
    public Activity activity(String host, int port, InstanceSpec spec) throws Exception {
        return PostgresProtocol.activity(host, port, spec.password());
    }
}
