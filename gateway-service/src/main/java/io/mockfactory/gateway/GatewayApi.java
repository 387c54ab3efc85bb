package io.mockfactory.gateway;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

/** The OpenAPI document's title and version; the document itself is generated from the controllers at build time. */
@OpenAPIDefinition(info = @Info(title = "MockFactory API", version = "1",
        description = "Ephemeral test environments: real services on allocated ports with generated credentials, and"
                + " emulated cloud storage. Errors are application/problem+json; every response carries X-Request-Id."
                + " JSON fields are snake_case and strictly typed (no coercion: a number is not a string); fields a route"
                + " does not read are ignored. Text with NUL or unpaired surrogates is refused with 400 naming the field.",
        license = @License(name = "Apache-2.0")))
final class GatewayApi {
    private GatewayApi() {
    }
}
