package io.mockfactory.storage.s3.cors;

import io.mockfactory.storage.s3.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** PutBucketCors's document checked as S3 checks it, and GetBucketCors's written as S3 writes it. */
class CorsXmlTest {
    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final String MINIMAL = "<AllowedOrigin>https://example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod>";

    private static byte[] configuration(String... rules) {
        StringBuilder xml = new StringBuilder("<CORSConfiguration xmlns=\"" + NS + "\">");
        for (String rule : rules) {
            xml.append("<CORSRule>").append(rule).append("</CORSRule>");
        }
        return xml.append("</CORSConfiguration>").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadEveryElementOfEachRuleInOrder() {
        List<CorsRule> rules = CorsXml.parse(("""
                <?xml version="1.0" encoding="UTF-8"?>
                <CORSConfiguration xmlns="%s">
                  <CORSRule>
                    <ID>site</ID>
                    <AllowedOrigin>https://example.com</AllowedOrigin>
                    <AllowedOrigin>https://*.example.org</AllowedOrigin>
                    <AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>POST</AllowedMethod>
                    <AllowedMethod>DELETE</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>
                    <AllowedHeader>Authorization</AllowedHeader><AllowedHeader>x-amz-*</AllowedHeader>
                    <ExposeHeader>ETag</ExposeHeader><ExposeHeader>x-amz-request-id</ExposeHeader>
                    <MaxAgeSeconds>3000</MaxAgeSeconds>
                  </CORSRule>
                  <!-- a comment is fine -->
                  <CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>
                </CORSConfiguration>""".formatted(NS)).getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(
                new CorsRule("site", List.of("https://example.com", "https://*.example.org"),
                        List.of("GET", "PUT", "POST", "DELETE", "HEAD"), List.of("Authorization", "x-amz-*"),
                        List.of("ETag", "x-amz-request-id"), 3000),
                new CorsRule(null, List.of("*"), List.of("GET"), List.of(), List.of(), null)), rules);
    }

    @Test
    void shouldAcceptTheFormsS3Accepts() {
        CorsRule expected = new CorsRule(null, List.of("https://example.com"), List.of("GET"), List.of(), List.of(), null);
        assertEquals(List.of(expected), CorsXml.parse(("<CORSConfiguration><CORSRule>" + MINIMAL + "</CORSRule></CORSConfiguration>")
                .getBytes(StandardCharsets.UTF_8)), "without a namespace");
        assertEquals(List.of(expected), CorsXml.parse(("<s3:CORSConfiguration xmlns:s3=\"" + NS + "\"><s3:CORSRule>"
                + "<s3:AllowedOrigin>https://example.com</s3:AllowedOrigin><s3:AllowedMethod>GET</s3:AllowedMethod>"
                + "</s3:CORSRule></s3:CORSConfiguration>").getBytes(StandardCharsets.UTF_8)), "with a prefix");
        assertEquals(List.of(expected), CorsXml.parse(configuration(
                "<AllowedMethod>GET</AllowedMethod><AllowedOrigin><![CDATA[https://example.com]]></AllowedOrigin>")), "CDATA");
        assertEquals(100, CorsXml.parse(configuration(Collections.nCopies(100, MINIMAL).toArray(String[]::new))).size());
        assertEquals(0, CorsXml.parse(configuration(MINIMAL + "<MaxAgeSeconds>0</MaxAgeSeconds>")).get(0).maxAgeSeconds());
        assertEquals(Integer.MAX_VALUE, CorsXml.parse(configuration(MINIMAL + "<MaxAgeSeconds>2147483647</MaxAgeSeconds>"))
                .get(0).maxAgeSeconds());
        assertEquals("a".repeat(255), CorsXml.parse(configuration(MINIMAL + "<ID>" + "a".repeat(255) + "</ID>")).get(0).id());
        assertEquals(List.of(" x-amz-date "), CorsXml.parse(configuration(MINIMAL + "<AllowedHeader> x-amz-date </AllowedHeader>"))
                .get(0).allowedHeaders(), "values are kept as sent");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not xml",
            "<CORSConfiguration>",
            "<!DOCTYPE CORSConfiguration><CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>",
            "<CORSRules><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSRules>",
            "<corsconfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></corsconfiguration>",
            "<CORSConfiguration/>",
            "<CORSConfiguration></CORSConfiguration>",
            "<CORSConfiguration><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSConfiguration>",
            "<CORSConfiguration>text<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>",
            "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule><Owner/></CORSConfiguration>",
    })
    void shouldRefuseAnythingButACorsConfigurationAsMalformed(String body) {
        assertMalformed(body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "<AllowedMethod>GET</AllowedMethod>",
            "<AllowedOrigin>*</AllowedOrigin>",
            MINIMAL + "text",
            MINIMAL + "<AllowedHeaders>*</AllowedHeaders>",
            MINIMAL + "<allowedheader>*</allowedheader>",
            "<AllowedOrigin><Origin>*</Origin></AllowedOrigin><AllowedMethod>GET</AllowedMethod>",
            MINIMAL + "<MaxAgeSeconds></MaxAgeSeconds>",
            MINIMAL + "<MaxAgeSeconds>hour</MaxAgeSeconds>",
            MINIMAL + "<MaxAgeSeconds>-1</MaxAgeSeconds>",
            MINIMAL + "<MaxAgeSeconds>1.5</MaxAgeSeconds>",
            MINIMAL + "<MaxAgeSeconds>2147483648</MaxAgeSeconds>",
            MINIMAL + "<MaxAgeSeconds>1</MaxAgeSeconds><MaxAgeSeconds>1</MaxAgeSeconds>",
            MINIMAL + "<ID>a</ID><ID>b</ID>",
            // Structure is judged before values: a bad method does not hide the missing origin
            "<AllowedMethod>PATCH</AllowedMethod>",
    })
    void shouldRefuseARuleOfTheWrongShapeAsMalformed(String rule) {
        assertMalformed(configuration(rule));
    }

    @Test
    void shouldRefuseMoreThanAHundredRulesAndLongIds() {
        assertMalformed(configuration(Collections.nCopies(101, MINIMAL).toArray(String[]::new)));
        assertMalformed(configuration(MINIMAL + "<ID>" + "a".repeat(256) + "</ID>"));
        assertMalformed(configuration(MINIMAL, "<AllowedOrigin>*</AllowedOrigin>"), "the second rule lacks a method");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATCH", "OPTIONS", "get", " GET", "GET,PUT", "*", ""})
    void shouldRefuseUnsupportedMethodsInS3sWords(String method) {
        S3Exception refused = assertThrows(S3Exception.class, () -> CorsXml.parse(
                configuration(MINIMAL, "<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>"
                        + method + "</AllowedMethod>")));
        assertEquals("InvalidRequest", refused.error().code());
        assertEquals(400, refused.error().status());
        assertEquals("Found unsupported HTTP method in CORS config. Unsupported method is " + method, refused.getMessage());
    }

    @Test
    void shouldRefuseWildcardsWhereS3Does() {
        assertInvalid("AllowedOrigin \"https://*.example.*\" can not have more than one wildcard.",
                "<AllowedOrigin>https://*.example.*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>");
        assertInvalid("AllowedOrigin \"**\" can not have more than one wildcard.",
                "<AllowedOrigin>**</AllowedOrigin><AllowedMethod>GET</AllowedMethod>");
        assertInvalid("AllowedHeader \"x-*-meta-*\" can not have more than one wildcard.",
                MINIMAL + "<AllowedHeader>x-*-meta-*</AllowedHeader>");
        assertInvalid("ExposeHeader \"*\" contains wildcard. We currently do not support wildcard for ExposeHeader.",
                MINIMAL + "<ExposeHeader>*</ExposeHeader>");
        assertInvalid("ExposeHeader \"x-amz-*\" contains wildcard. We currently do not support wildcard for ExposeHeader.",
                MINIMAL + "<ExposeHeader>ETag</ExposeHeader><ExposeHeader>x-amz-*</ExposeHeader>");
        // The method is checked first, whatever the order of the elements
        assertInvalid("Found unsupported HTTP method in CORS config. Unsupported method is PATCH",
                "<ExposeHeader>x-*</ExposeHeader><AllowedOrigin>*.*</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod>");
    }

    @Test
    void shouldRefuseAnExposeHeaderThatIsNoHeaderName() {
        // It is answered back verbatim: a line break would split the response head
        assertInvalid("ExposeHeader \"ETag\nX-Injected: yes\" is not an HTTP header name.",
                MINIMAL + "<ExposeHeader>ETag&#10;X-Injected: yes</ExposeHeader>");
    }

    @Test
    void shouldWriteRulesInS3sElementOrderAndReadThemBack() {
        List<CorsRule> rules = List.of(
                new CorsRule("rule-1", List.of("https://example.com", "https://*.example.org"), List.of("GET", "PUT"),
                        List.of("Authorization", "x-amz-*"), List.of("ETag", "x-amz-request-id"), 3000),
                new CorsRule(null, List.of("*"), List.of("HEAD"), List.of(), List.of(), null),
                new CorsRule("", List.of("https://example.com/?a=1&b=2"), List.of("DELETE"), List.of(), List.of(), 0));
        String xml = CorsXml.write(rules);
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CORSConfiguration xmlns=\"" + NS + "\">"
                + "<CORSRule><ID>rule-1</ID><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>"
                + "<AllowedOrigin>https://example.com</AllowedOrigin><AllowedOrigin>https://*.example.org</AllowedOrigin>"
                + "<AllowedHeader>Authorization</AllowedHeader><AllowedHeader>x-amz-*</AllowedHeader>"
                + "<MaxAgeSeconds>3000</MaxAgeSeconds><ExposeHeader>ETag</ExposeHeader><ExposeHeader>x-amz-request-id</ExposeHeader>"
                + "</CORSRule>"
                + "<CORSRule><AllowedMethod>HEAD</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule>"
                + "<CORSRule><ID></ID><AllowedMethod>DELETE</AllowedMethod><AllowedOrigin>https://example.com/?a=1&amp;b=2</AllowedOrigin>"
                + "<MaxAgeSeconds>0</MaxAgeSeconds></CORSRule>"
                + "</CORSConfiguration>", xml);
        assertEquals(rules, CorsXml.parse(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldKeepRulesAsJsonExactly() {
        List<CorsRule> rules = List.of(
                new CorsRule("r", List.of("https://*.example.com"), List.of("GET", "PUT"), List.of("*"), List.of("ETag"), 60),
                new CorsRule(null, List.of("*"), List.of("GET"), List.of(), List.of(), null));
        assertEquals(rules, CorsStore.read(CorsStore.write(rules)));
        assertNull(CorsStore.read(CorsStore.write(rules)).get(1).maxAgeSeconds());
    }

    private static void assertMalformed(byte[] body) {
        assertMalformed(body, new String(body, StandardCharsets.UTF_8));
    }

    private static void assertMalformed(byte[] body, String what) {
        S3Exception refused = assertThrows(S3Exception.class, () -> CorsXml.parse(body), what);
        assertEquals("MalformedXML", refused.error().code(), what);
    }

    private static void assertInvalid(String message, String rule) {
        S3Exception refused = assertThrows(S3Exception.class, () -> CorsXml.parse(configuration(rule)));
        assertEquals("InvalidRequest", refused.error().code());
        assertEquals(message, refused.getMessage());
    }
}
