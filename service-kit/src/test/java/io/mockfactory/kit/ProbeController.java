package io.mockfactory.kit;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Endpoints that exercise the kit's error handling the way a service's controllers would. */
@Controller("/probe")
public class ProbeController {

    @Serdeable
    @Introspected
    public record Greeting(@NotBlank @Size(max = 10) String name) {
    }

    @Post("/greetings")
    public Greeting greet(@Body @Valid Greeting greeting) {
        return greeting;
    }

    @Get("/conflict")
    public String conflict() {
        throw new ProblemException(ProblemType.CONFLICT, "That name is taken");
    }

    @Get("/crash")
    public String crash() {
        throw new IllegalStateException("internal detail: password=hunter2");
    }
}
