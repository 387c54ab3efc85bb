package io.mockfactory.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects one service's credentials of the class's (or method's) environment, typed by the field or parameter:
 * {@code RedisCredentials}, {@code PostgresCredentials}, {@code S3Credentials}, {@code SqsCredentials}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Service {
    /** The service type, e.g. {@code "aws_s3"}. */
    String value();
}
