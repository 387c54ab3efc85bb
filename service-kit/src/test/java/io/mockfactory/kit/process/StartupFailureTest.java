package io.mockfactory.kit.process;

import io.micronaut.context.exceptions.BeanInstantiationException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class StartupFailureTest {

    @Test
    void shouldBeFoundHoweverTheContainerWrappedIt() {
        StartupFailure failure = new StartupFailure("cannot sign in");

        assertSame(failure, StartupFailure.in(new BeanInstantiationException("Error instantiating bean",
                new RuntimeException(failure))));
        assertSame(failure, StartupFailure.in(failure));
        assertNull(StartupFailure.in(new BeanInstantiationException("a bug", new NullPointerException())));
        assertNull(StartupFailure.in(null));
    }

    @Test
    void shouldReadTheServiceNameFromApplicationYaml() {
        assertEquals(Optional.of("gateway-service"), ServiceApplication.applicationName("""
                micronaut:
                  application:
                    name: gateway-service
                  server:
                    port: 8080
                """));
        assertEquals(Optional.of("auth-service"), ServiceApplication.applicationName("""
                micronaut:
                  server:
                    port: 8081
                  application:
                    name: "auth-service"
                """));
        assertEquals(Optional.empty(), ServiceApplication.applicationName("mockfactory:\n  db:\n    schema: auth\n"));
    }
}
