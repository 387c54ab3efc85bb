package io.mockfactory.billing.payments;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StripeSignatureTest {
    private static final long NOW = 1_764_547_200L;
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"customer.subscription.updated\"}";
    private final StripeSignature signature = new StripeSignature(List.of("whsec_current"),
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @Test
    void shouldAcceptAGenuineFreshSignature() {
        assertEquals(Optional.empty(), signature.check(StripeSignature.header("whsec_current", NOW - 30, BODY), BODY));
    }

    @Test
    void shouldMatchStripesDocumentedComputation() {
        // HMAC-SHA256 under "whsec_test" of "1614556800.{}", computed independently: printf '1614556800.{}' |
        // openssl dgst -sha256 -hmac whsec_test
        assertEquals("t=1614556800,v1=6bd5ebbc9cbce4fe6d9c728ba6c962ae7ec5510179f82646471f20bba89e7ffd",
                StripeSignature.header("whsec_test", 1614556800L, "{}"));
    }

    @Test
    void shouldRefuseATamperedBodyOrAForeignSecret() {
        String header = StripeSignature.header("whsec_current", NOW, BODY);
        assertEquals(Optional.of(StripeSignature.Refusal.MISMATCH), signature.check(header, BODY.replace("updated", "deleted")));
        assertEquals(Optional.of(StripeSignature.Refusal.MISMATCH),
                signature.check(StripeSignature.header("whsec_other", NOW, BODY), BODY));
    }

    @Test
    void shouldRefuseTimestampsOutsideFiveMinutesEitherWay() {
        assertEquals(Optional.of(StripeSignature.Refusal.STALE),
                signature.check(StripeSignature.header("whsec_current", NOW - 301, BODY), BODY));
        assertEquals(Optional.of(StripeSignature.Refusal.STALE),
                signature.check(StripeSignature.header("whsec_current", NOW + 301, BODY), BODY));
        assertEquals(Optional.empty(), signature.check(StripeSignature.header("whsec_current", NOW - 300, BODY), BODY));
    }

    @Test
    void shouldAcceptAnyOfSeveralSignaturesAndSecretsWhileASecretIsRolled() {
        StripeSignature rolling = new StripeSignature(List.of("whsec_old", "whsec_new"),
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
        String bothSigned = StripeSignature.header("whsec_elsewhere", NOW, BODY) + ","
                + StripeSignature.header("whsec_new", NOW, BODY).replaceFirst("^t=\\d+,", "");
        assertEquals(Optional.empty(), rolling.check(bothSigned, BODY));
        assertEquals(Optional.empty(), rolling.check(StripeSignature.header("whsec_old", NOW, BODY), BODY));
        assertEquals(Optional.of(StripeSignature.Refusal.MISMATCH), signature.check(StripeSignature.header("whsec_old", NOW, BODY), BODY));
    }

    @Test
    void shouldRefuseMalformedHeaders() {
        for (String header : new String[] {null, "", "t=abc,v1=00", "v1=00ff", "t=" + NOW, "t=" + NOW + ",v1=zz"}) {
            assertEquals(Optional.of(StripeSignature.Refusal.MALFORMED), signature.check(header, BODY), String.valueOf(header));
        }
    }
}
