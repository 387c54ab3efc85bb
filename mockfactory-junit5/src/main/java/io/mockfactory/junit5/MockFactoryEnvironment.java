package io.mockfactory.junit5;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A real environment leased from MockFactory for this test class (or each test method), destroyed afterwards even
 * when tests fail. On the class, its services are injected where a field or parameter asks for them; on a field of
 * type {@link LeasedEnvironment}, {@code Environment} or {@code Credentials}, that field gets it.
 *
 * <pre>{@code
 * @MockFactoryEnvironment(services = {"postgresql_pgvector", "aws_s3"})
 * class SearchIT {
 *     @Service("postgresql_pgvector") PostgresCredentials pg;
 *     @Test void finds(@Service("aws_s3") S3Credentials s3) { ... }
 * }
 * }</pre>
 *
 * A fixture kept as a snapshot starts each class with its data: {@code @MockFactoryEnvironment(fromSnapshot =
 * "snap_…")}.
 * <p>
 * Where MockFactory is and the API key come from {@code -Dmockfactory.url} / {@code -Dmockfactory.api-key}, else
 * {@code MOCKFACTORY_URL} / {@code MOCKFACTORY_API_KEY}.
 */
@Target({ElementType.TYPE, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(MockFactoryExtension.class)
public @interface MockFactoryEnvironment {
    /**
     * {@code type} or {@code type:version}, e.g. {@code "redis:7"}, {@code "aws_s3"}. Required unless
     * {@link #fromSnapshot()} is given, and then left out.
     */
    String[] services() default {};

    /**
     * A snapshot ({@code "snap_…"}, see {@code mockfactory snapshot create}) to make the environment from: it gets the
     * snapshot's services, at the versions their data belongs to, and starts with its data, on ports and with
     * passwords of its own. It takes no {@link #services()} or {@link #seeds()} then (the class fails if it is given
     * any); empty, the default, means none. {@code "${NAME}"} reads the id from the system property NAME, else the
     * environment variable NAME, so a build can pass in the snapshot it just took. With {@link #reuse()}, only the
     * first run's create uses it.
     */
    String fromSnapshot() default "";

    /**
     * Data services start with, each {@code "type=classpath/resource"}, e.g. {@code "postgresql=fixtures/schema.sql"}:
     * SQL for the PostgreSQL flavours, one redis-cli command per line for redis, one {@code QUEUE BODY} line per
     * message for elasticmq. A seed that fails fails the class with the service's error. Not re-applied to an
     * environment found with {@link #reuse()}.
     */
    String[] seeds() default {};

    /** Once for the class (the default), or a new environment for each test method. */
    Lifecycle lifecycle() default Lifecycle.PER_CLASS;

    /**
     * The safety net: MockFactory destroys the environment after this many minutes even if the JVM is killed before
     * the extension could. Not applied with {@link #reuse()}.
     */
    int ttlMinutes() default 30;

    /** How long to wait for every service to be ready. */
    int startupTimeoutSeconds() default 180;

    /**
     * Keep the environment across runs for fast local loops: the first run creates it, later runs find it by
     * {@link #name()} and start it if stopped; after the class it is stopped, not destroyed. Needs a name.
     */
    boolean reuse() default false;

    /** The environment's name; by default the test class's name and a random suffix. */
    String name() default "";

    enum Lifecycle { PER_CLASS, PER_METHOD }
}
