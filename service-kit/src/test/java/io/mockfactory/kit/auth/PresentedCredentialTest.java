package io.mockfactory.kit.auth;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PresentedCredentialTest {
    @Test
    void shouldReadAJwtOrAnApiKeyFromTheBearerScheme() {
        assertEquals(Optional.of(new PresentedCredential.Jwt("eyJ.x.y")), PresentedCredential.of(null, "Bearer eyJ.x.y"));
        assertEquals(Optional.of(new PresentedCredential.Jwt("eyJ.x.y")), PresentedCredential.of(null, "bearer  eyJ.x.y "));
        assertEquals(Optional.of(new PresentedCredential.ApiKey("mf_abc")), PresentedCredential.of(null, "Bearer mf_abc"));
    }

    @Test
    void shouldPreferTheApiKeyHeaderAndRequireItsPrefix() {
        assertEquals(Optional.of(new PresentedCredential.ApiKey("mf_abc")), PresentedCredential.of("mf_abc", "Bearer eyJ.x.y"));
        assertEquals(Optional.empty(), PresentedCredential.of("abc", "Bearer eyJ.x.y"), "a malformed X-API-Key is no credential");
    }

    @Test
    void shouldFindNothingInOtherSchemesOrEmptyValues() {
        assertEquals(Optional.empty(), PresentedCredential.of(null, "Basic dXNlcjpwYXNz"));
        assertEquals(Optional.empty(), PresentedCredential.of(null, "Bearer "));
        assertEquals(Optional.empty(), PresentedCredential.of(null, "Bearer"));
        assertEquals(Optional.empty(), PresentedCredential.of(null, null));
    }
}
