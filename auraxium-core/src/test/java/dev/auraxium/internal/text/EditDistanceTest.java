package dev.auraxium.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The edit distance behind the suggestions of the event names, the world names and the CLI. */
class EditDistanceTest {

    @Test
    void countsEachKindOfEditOnce() {
        assertEquals(0, EditDistance.between("Death", "Death"));
        assertEquals(1, EditDistance.between("Deth", "Death"), "insertion");
        assertEquals(1, EditDistance.between("Deaath", "Death"), "deletion");
        assertEquals(1, EditDistance.between("Deatj", "Death"), "substitution");
        assertEquals(1, EditDistance.between("Daeth", "Death"), "swap of neighbours");
        assertEquals(1, EditDistance.between("tial", "tail"), "swap of neighbours");
        assertEquals(3, EditDistance.between("ca", "abc"), "a swapped pair is not edited again: not 2 by way of \"ac\"");
    }

    @Test
    void anEmptyStringIsAsFarAsTheOtherIsLong() {
        assertEquals(0, EditDistance.between("", ""));
        assertEquals(5, EditDistance.between("", "serve"));
        assertEquals(4, EditDistance.between("tail", ""));
    }

    @Test
    void isCaseSensitiveAndSymmetric() {
        assertEquals(1, EditDistance.between("death", "Death"));
        assertEquals(EditDistance.between("PlayerLogin", "PlayerLogout"),
                EditDistance.between("PlayerLogout", "PlayerLogin"));
        assertEquals(3, EditDistance.between("PlayerLogin", "PlayerLogout"));
    }
}
