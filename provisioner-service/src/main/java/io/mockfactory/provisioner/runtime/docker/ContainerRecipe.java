package io.mockfactory.provisioner.runtime.docker;

import io.mockfactory.provisioner.runtime.Activity;
import io.mockfactory.provisioner.runtime.InstanceSpec;

import java.util.List;

/** How one service type runs as a container: its port inside, what it is given, and when it is ready. */
interface ContainerRecipe {

    /** The port the server listens on inside the container. */
    int containerPort();

    /** Files copied into {@code /etc/mockfactory} before the first start: the only way a secret reaches a container. */
    List<ConfigFile> configFiles(InstanceSpec spec);

    /** Settings for the container's environment: never a secret (anyone who can inspect the container reads them). */
    default List<String> environment() {
        return List.of();
    }

    /** Whether the server at {@code host:port} answers its own protocol with the instance's credentials. */
    boolean ready(String host, int port, InstanceSpec spec) throws Exception;

    /** How used the server is; null when it cannot tell (then it counts as used). */
    default Activity activity(String host, int port, InstanceSpec spec) throws Exception {
        return null;
    }

    record ConfigFile(String name, String content, int mode) {
        @Override
        public String toString() {
            return "ConfigFile[" + name + "]";
        }
    }
}
