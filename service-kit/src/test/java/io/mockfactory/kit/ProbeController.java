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
    private final javax.sql.DataSource dataSource;

    public ProbeController(javax.sql.DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Serdeable
    @Introspected
    public record Greeting(@NotBlank @Size(max = 10) String name) {
    }

    @Post("/greetings")
    public Greeting greet(@Body @Valid Greeting greeting) {
        return greeting;
    }

    /** A route with a path variable and a query part, as most API routes have. */
    @Get("/items/{id}{?detail}")
    public String item(String id, @io.micronaut.core.annotation.Nullable String detail) {
        return id;
    }

    @Get("/conflict")
    public String conflict() {
        throw new ProblemException(ProblemType.CONFLICT, "That name is taken");
    }

    @Serdeable
    public record Note(String text) {
    }

    /** Stores nothing, but has PostgreSQL read the text as a value, as any insert of it would. */
    @Post("/notes")
    @io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
    public String echoThroughTheDatabase(@Body Note note) throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement select = connection.prepareStatement("SELECT ?::text")) {
            select.setString(1, note.text());
            try (java.sql.ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Get("/database-down")
    public String databaseDown() throws java.sql.SQLException {
        throw new java.sql.SQLException("connection refused", "08001");
    }

    @Get("/crash")
    public String crash() {
        throw new IllegalStateException("internal detail: password=hunter2");
    }
}
