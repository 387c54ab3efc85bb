package io.mockfactory.provisioner.runtime.docker;

import io.mockfactory.provisioner.runtime.Activity;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.RedisProtocol;

import java.util.List;

/** Redis with {@code requirepass} from a 0600 configuration file; the append-only file keeps data across stop. */
record RedisContainer(int containerPort) implements ContainerRecipe {
    @Override
    public List<ConfigFile> configFiles(InstanceSpec spec) {
        return List.of(new ConfigFile("redis.conf", String.join("\n", "port " + containerPort, "bind 0.0.0.0", "protected-mode no",
                "requirepass " + spec.password(), "dir /data", "appendonly yes", "save \"\"", ""), 0600));
    }

    @Override
    public boolean ready(String host, int port, InstanceSpec spec) {
        return RedisProtocol.answersPing(host, port, spec.password());
    }

    @Override
    public Activity activity(String host, int port, InstanceSpec spec) throws Exception {
        return RedisProtocol.activity(host, port, spec.password());
    }
}
