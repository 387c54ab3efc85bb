package io.mockfactory.provisioner.runtime.docker;

import io.mockfactory.provisioner.runtime.ElasticMqRecipe;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.SqsProtocol;

import java.util.List;

/**
 * ElasticMQ in the mockfactory/elasticmq image. Its configuration holds no secret (ElasticMQ checks no signature), so
 * it is readable by the image's unprivileged user; queue URLs name the published port, where clients reach it.
 */
record ElasticMqContainer(int containerPort) implements ContainerRecipe {
    @Override
    public boolean ready(String host, int port, InstanceSpec spec) throws InterruptedException {
        return SqsProtocol.answersListQueues(host, port);
    }

    @Override
    public List<ConfigFile> configFiles(InstanceSpec spec) {
        return List.of(new ConfigFile("elasticmq.conf",
                ElasticMqRecipe.config("0.0.0.0", containerPort, spec.port(), "/data/queues.conf",
                ElasticMqContainerData.DATABASE_URL), 0644));
    }
}
