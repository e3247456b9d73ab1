package dev.auraxium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.cli.internal.StreamFilter;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.testkit.SyntheticStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamFilterTest {
    private static final EssCodec CODEC = EssCodec.standard();

    @Test
    void acceptsNamesInAnyCaseAndWorldNames() {
        StreamFilter f = StreamFilter.parse("death, playerlogin,GainExperience_experience_id_7", "miller,13", "5428011263300000001");
        assertEquals(Set.of("Death", "PlayerLogin", "GainExperience_experience_id_7"), f.eventNames());
        assertEquals(Set.of(10, 13), f.worlds());
        assertEquals(Set.of(5428011263300000001L), f.characters());
    }

    @Test
    void allMeansNoRestrictionAndMatchesUnknownKinds() {
        StreamFilter f = StreamFilter.parse("all", null, null);
        assertTrue(f.allEvents());
        Event unknown = CODEC.decodeEvent("{\"event_name\":\"FutureEvent\",\"timestamp\":\"1717171717\",\"world_id\":\"10\"}");
        assertTrue(f.matches(unknown));
        assertFalse(StreamFilter.parse("Death", null, null).matches(unknown));
    }

    @Test
    void namesTheFirstBadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamFilter.parse("Death,Nope", null, null));
        assertTrue(e.getMessage().startsWith("unknown event name 'Nope'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StreamFilter.parse(null, "0", null));
        assertTrue(e.getMessage().startsWith("bad world id '0'"), e.getMessage());
    }

    /** Whatever the filter, the subscription it sends selects every event the filter accepts. */
    @Test
    void subscriptionNeverUnderDeliversWhatTheFilterAccepts() {
        List<StreamFilter> filters = List.of(StreamFilter.ALL,
                StreamFilter.parse("Death,FacilityControl,PlayerLogin", "10", null),
                StreamFilter.parse("GainExperience_experience_id_1,Death", null, null),
                StreamFilter.parse(null, "13,17", null));
        SyntheticStream stream = SyntheticStream.builder().seed(11).build();
        List<Event> events = stream.stream(3000).map(CODEC::decodeServerMessage)
                .map(m -> ((dev.auraxium.protocol.ServiceMessage) m).event()).toList();
        Set<Long> someCharacters = new HashSet<>();
        for (Event e : events.subList(0, 50)) {
            if (e instanceof dev.auraxium.event.CharacterEvent c) {
                someCharacters.add(c.characterId());
            }
        }
        filters = new java.util.ArrayList<>(filters);
        filters.add(new StreamFilter(Set.of(), Set.of(), someCharacters));
        filters.add(new StreamFilter(Set.of("Death", "PlayerLogout"), Set.of(1, 40), someCharacters));
        for (StreamFilter f : filters) {
            Subscription server = merge(f.subscribe(Environment.PS2));
            int accepted = 0;
            for (Event e : events) {
                if (f.matches(e)) {
                    accepted++;
                    assertTrue(server.selects(e), () -> f.describe() + " accepts but the server would not send " + e);
                }
            }
            assertTrue(accepted > 0, () -> "the sample should exercise " + f.describe());
        }
    }

    private static Subscription merge(Subscribe s) {
        return new Subscription(new HashSet<>(s.eventNames().orElse(List.of())),
                new HashSet<>(s.characters().orElse(List.of())), new HashSet<>(s.worlds().orElse(List.of())),
                s.logicalAndCharactersWithWorlds().orElse(false));
    }
}
