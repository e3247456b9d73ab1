package dev.auraxium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.cli.internal.DurationConverter;
import dev.auraxium.cli.internal.Speed;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OptionValuesTest {

    @Test
    void readsDurationsAsPeopleTypeThem() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(20), DurationConverter.parse("20s"));
        assertEquals(Duration.ofSeconds(20), DurationConverter.parse("20"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
        assertEquals(Duration.ofHours(1), DurationConverter.parse("1h"));
        assertEquals(Duration.ofSeconds(20), DurationConverter.parse("PT20S"));
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("0s"));
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("-1m"));
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("ages"));
    }

    @Test
    void readsSpeedsAsAFactorOrMax() {
        Speed.Converter c = new Speed.Converter();
        assertTrue(c.convert("max").max());
        assertEquals(10.0, c.convert("10").factor());
        assertEquals(0.5, c.convert("0.5x").factor());
        assertEquals("10x", c.convert("10").toString());
        assertThrows(CommandLine.TypeConversionException.class, () -> c.convert("0"));
        assertThrows(CommandLine.TypeConversionException.class, () -> c.convert("NaN"));
        assertThrows(CommandLine.TypeConversionException.class, () -> c.convert("fast"));
    }
}
