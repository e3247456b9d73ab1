package dev.auraxium.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorldTest {

    @Test
    void looksWorldsUpByIdAndByNameInAnyCase() {
        assertEquals(Optional.of(World.MILLER), World.byId(10));
        assertEquals(Optional.of(World.SOLTECH), World.byName("soltech"));
        assertEquals(Optional.of(World.SOLTECH), World.byName(" SolTech "));
        assertEquals(Optional.empty(), World.byId(99));
        assertEquals(Optional.empty(), World.byName("Mars"));
        assertEquals(Environment.PS2PS4US, World.GENUDINE.environment());
    }

    @Test
    void briggsIsHistoricalAndNotAmongTheCurrentWorlds() {
        assertTrue(World.BRIGGS.isHistorical());
        assertEquals(25, World.BRIGGS.id());
        assertFalse(World.current(Environment.PS2).contains(World.BRIGGS));
    }

    @Test
    void currentWorldsAreTheEnvironmentsOwnLists() {
        for (Environment e : Environment.values()) {
            assertEquals(e.worlds(), World.current(e).stream().map(World::id).toList(), e.toString());
        }
    }

    @Test
    void parseTakesNamesAndIdsAndExplainsAMistake() {
        assertEquals(17, World.parse("Emerald"));
        assertEquals(99, World.parse("99"), "an unlisted id is not an error");
        String m = assertThrows(IllegalArgumentException.class, () -> World.parse("emrald")).getMessage();
        assertEquals("bad world id 'emrald' (did you mean emerald?): expected a positive number or one of "
                + World.namesForHelp(), m);
        assertTrue(World.namesForHelp().endsWith("ceres, briggs (closed)"), World.namesForHelp());
        assertThrows(IllegalArgumentException.class, () -> World.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> World.parse("-3"));
    }

    @Test
    void continentsAreFoundFromStaticAndInstancedZoneIds() {
        assertEquals(Optional.of(Continent.INDAR), Continent.of(2));
        assertEquals(Optional.of(Continent.OSHUR), Continent.of(Zones.zoneId(Zones.OSHUR, 7)));
        assertEquals(Optional.of(Continent.ESAMIR), Continent.byName("esamir"));
        assertEquals(Optional.empty(), Continent.of(96), "VR training is no continent");
        assertEquals(List.of(2, 4, 6, 8, 344), java.util.Arrays.stream(Continent.values()).map(Continent::definitionId).toList());
        assertThrows(IllegalArgumentException.class, () -> Continent.of(-1));
    }
}
