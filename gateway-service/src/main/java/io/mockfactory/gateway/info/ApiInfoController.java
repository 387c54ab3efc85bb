package io.mockfactory.gateway.info;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.MediaType;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What a person or a client sees first: the API's name and version, where the docs are, what it offers. */
@Controller
@Tag(name = "Service")
public class ApiInfoController {
    private static final String SWAGGER_UI_INDEX = "META-INF/swagger/views/swagger-ui/index.html";

    private final ApiInfo info;
    private final String swaggerUi;

    public ApiInfoController(@Value("${mockfactory.features}") List<String> features) throws IOException {
        String version = ApiInfoController.class.getPackage().getImplementationVersion();
        this.info = new ApiInfo("MockFactory API", version != null ? version : "development",
                "Ephemeral test environments with real Redis, PostgreSQL, pgvector, PostGIS and SQS services and emulated"
                        + " cloud storage, on demand through one REST API or a Kafka event stream.",
                "/docs", List.copyOf(features));
        this.swaggerUi = readSwaggerUi();
    }

    @Get
    @Operation(summary = "API name, version, documentation link and features")
    public ApiInfo root() {
        return info;
    }

    @Get("/docs")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Swagger UI over the OpenAPI document")
    public String docs() {
        return swaggerUi;
    }

    @Get("/openapi.yml")
    @Hidden
    public HttpResponse<?> openApiDocument() {
        return HttpResponse.redirect(URI.create("/swagger/mockfactory-api.yml"));
    }

    private static String readSwaggerUi() throws IOException {
        try (InputStream in = ApiInfoController.class.getClassLoader().getResourceAsStream(SWAGGER_UI_INDEX)) {
            if (in == null) {
                throw new IllegalStateException(SWAGGER_UI_INDEX + " was not generated at build time");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
