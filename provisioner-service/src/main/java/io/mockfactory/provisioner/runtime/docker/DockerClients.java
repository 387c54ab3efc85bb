package io.mockfactory.provisioner.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.time.Duration;

/** A docker-java client for {@code host} (unix:///… or tcp://…, e.g. the compose file's socket proxy). */
public final class DockerClients {
    private DockerClients() {
    }

    public static DockerClient connect(String host) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(60)).build());
    }
}
