package io.mockfactory.provisioner.runtime.docker;

import java.util.Map;

/** The service types the docker runtime knows how to run, whichever image the allow-list names for them. */
final class ContainerRecipes {
    static final Map<String, ContainerRecipe> BY_SERVICE = Map.of(
            "redis", new RedisContainer(6379),
            "postgresql", new PostgresContainer(5432, null),
            "postgis", new PostgresContainer(5432, "postgis"),
            "postgresql_pgvector", new PostgresContainer(5432, "vector"),
            "elasticmq", new ElasticMqContainer(9324));

    /** The version each type's image serves: the images deploy/build-instance-images.sh builds. */
    static final Map<String, String> SERVED_VERSION = Map.of(
            "redis", "7",
            "postgresql", "15",
            "postgis", "3.3",
            "postgresql_pgvector", "15",
            "elasticmq", "1.7");

    private ContainerRecipes() {
    }
}
