package io.mockfactory.auth.token;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

@Controller("/.well-known/jwks.json")
public class JwksController {
    private final SigningKeys keys;

    public JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @Get
    @Produces("application/jwk-set+json")
    public HttpResponse<String> jwks() {
        return HttpResponse.ok(keys.publicKeys().toString(true)).header("Cache-Control", "public, max-age=300");
    }
}
