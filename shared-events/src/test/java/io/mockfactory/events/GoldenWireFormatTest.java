package io.mockfactory.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Pins the wire format: every message type has a golden file, encoding the sample gives exactly that JSON and
 * decoding the file gives back the sample. Run with -Dgolden.write=true once to create the file of a new type.
 */
class GoldenWireFormatTest {
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldHaveASampleForEveryMessageType() {
        assertEquals(MessageType.values().length, SampleMessages.all().size());
    }

    @TestFactory
    Stream<DynamicTest> shouldRoundTripEveryMessageTypeThroughItsGoldenFile() {
        return SampleMessages.all().entrySet().stream().map(sample -> DynamicTest.dynamicTest(
                sample.getKey().wireName(), () -> assertRoundTrip(sample)));
    }

    private void assertRoundTrip(Map.Entry<MessageType, Message> sample) throws IOException {
        EventEnvelope envelope = SampleMessages.envelopeOf(sample.getKey(), sample.getValue());
        String fileName = "golden/" + sample.getKey().wireName() + ".json";
        if (Boolean.getBoolean("golden.write")) {
            Path file = Path.of("src/test/resources", fileName);
            Files.writeString(file, json.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(json.readTree(codec.encode(envelope))) + "\n");
        }
        String golden = readResource(fileName);

        assertEquals(json.readTree(golden), json.readTree(codec.encode(envelope)), "encoded form drifted from " + fileName);
        assertEquals(envelope, codec.decode(golden.getBytes(StandardCharsets.UTF_8)), "decoding " + fileName);
    }

    @Test
    void shouldNameEveryTypeAndVersionInTheEnvelope() throws IOException {
        for (MessageType type : MessageType.values()) {
            JsonNode golden = json.readTree(readResource("golden/" + type.wireName() + ".json"));
            assertEquals(type.wireName(), golden.get("type").asText());
            assertEquals(type.version(), golden.get("version").asInt());
        }
    }

    private static String readResource(String name) throws IOException {
        try (InputStream in = GoldenWireFormatTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, "missing golden file " + name + " (create it with -Dgolden.write=true)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
