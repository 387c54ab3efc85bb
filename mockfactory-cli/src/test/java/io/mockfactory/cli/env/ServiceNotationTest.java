package io.mockfactory.cli.env;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceNotationTest {
    @Test
    void shouldReadATypeWithOrWithoutAVersion() {
        assertEquals(new ServiceNotation("aws_s3", null), ServiceNotation.parse("aws_s3"));
        assertEquals(new ServiceNotation("redis", "7"), ServiceNotation.parse("redis:7"));
        assertEquals(new ServiceNotation("postgresql", "16.4"), ServiceNotation.parse(" postgresql : 16.4 "));
        assertEquals("redis:7", ServiceNotation.parse("redis:7").notation());
        assertEquals("aws_s3", ServiceNotation.parse("aws_s3").notation());
    }

    @Test
    void shouldRefuseWhatIsNoService() {
        for (String malformed : new String[] {"", ":7", "red is", "redis:", "redis;rm"}) {
            assertThrows(IllegalArgumentException.class, () -> ServiceNotation.parse(malformed), malformed);
        }
        TypeConversionException refused = assertThrows(TypeConversionException.class,
                () -> new ServiceNotation.Converter().convert("redis:"));
        assertTrue(refused.getMessage().contains("no version after ':'"), refused.getMessage());
    }

    @Test
    void shouldGenerateNamesTheApiAccepts() {
        String name = CreateCommand.generatedName();
        assertTrue(name.matches("cli-[a-z0-9]{8}"), name);
    }
}
