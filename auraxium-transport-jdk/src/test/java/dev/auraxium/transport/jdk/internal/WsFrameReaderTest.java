package dev.auraxium.transport.jdk.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The socket transport's frame parser on hand-made server frames, fed one byte per read at times. */
class WsFrameReaderTest {

    private static byte[] frame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write((fin ? 0x80 : 0) | opcode);
        int n = payload.length;
        if (n < 126) {
            f.write(n);
        } else if (n < 65536) {
            f.write(126);
            f.write(n >>> 8);
            f.write(n & 0xFF);
        } else {
            f.write(127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) n >>> (8 * i)) & 0xFF);
            }
        }
        f.writeBytes(payload);
        return f.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A stream that hands out at most one byte per read, as a slow network may. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(1, len));
            }
        };
    }

    @Test
    void wholeFragmentedAndLargeTextMessagesComeOutWholeInOrder() throws IOException {
        String large = "x".repeat(70_000); // 64-bit length form, larger than the read buffer
        byte[] wire = concat(frame(true, 1, utf8("{\"a\":1}")),
                frame(false, 1, utf8("frag")), frame(false, 0, utf8("ment")), frame(true, 0, utf8("ed")),
                frame(true, 1, utf8(large)), frame(true, 1, utf8("ünïcödé ✓")));
        for (InputStream in : new InputStream[] {new ByteArrayInputStream(wire), trickle(wire)}) {
            WsFrameReader r = new WsFrameReader(in, 1024 * 1024);
            for (String expected : new String[] {"{\"a\":1}", "fragmented", large, "ünïcödé ✓"}) {
                assertEquals(WsFrameReader.OP_TEXT, r.next());
                assertEquals(expected, r.text);
            }
            assertEquals(WsFrameReader.END, r.next());
        }
    }

    @Test
    void controlFramesInsideAFragmentedMessageAreHandedUpAtOnce() throws IOException {
        byte[] wire = concat(frame(false, 1, utf8("a")), frame(true, 9, utf8("ping!")), frame(true, 0, utf8("b")),
                frame(true, 10, new byte[0]), frame(true, 8, concat(new byte[] {0x03, (byte) 0xE8}, utf8("bye"))));
        WsFrameReader r = new WsFrameReader(new ByteArrayInputStream(wire), 1024);
        assertEquals(WsFrameReader.OP_PING, r.next());
        assertArrayEquals(utf8("ping!"), r.controlPayload);
        assertEquals(WsFrameReader.OP_TEXT, r.next());
        assertEquals("ab", r.text);
        assertEquals(WsFrameReader.OP_PONG, r.next());
        assertEquals(WsFrameReader.OP_CLOSE, r.next());
        assertEquals(1000, r.closeCode);
        assertEquals("bye", r.closeReason);
    }

    @Test
    void aCloseFrameWithoutACodeSays1005() throws IOException {
        WsFrameReader r = new WsFrameReader(new ByteArrayInputStream(frame(true, 8, new byte[0])), 1024);
        assertEquals(WsFrameReader.OP_CLOSE, r.next());
        assertEquals(1005, r.closeCode);
        assertEquals("", r.closeReason);
    }

    @Test
    void binaryMessagesAreSkipped() throws IOException {
        byte[] wire = concat(frame(false, 2, new byte[] {1, 2}), frame(true, 0, new byte[] {3}), frame(true, 1, utf8("t")));
        WsFrameReader r = new WsFrameReader(new ByteArrayInputStream(wire), 1024);
        assertEquals(WsFrameReader.OP_TEXT, r.next());
        assertEquals("t", r.text);
    }

    @Test
    void aMessageOverTheLimitIsReportedOnceAndItsRestSkipped() throws IOException {
        byte[] chunk = utf8("y".repeat(2000));
        byte[] wire = concat(frame(false, 1, chunk), frame(false, 0, chunk), frame(true, 0, chunk),
                frame(true, 1, utf8("after")));
        WsFrameReader r = new WsFrameReader(new ByteArrayInputStream(wire), 1024); // 3,072 bytes at most
        assertEquals(WsFrameReader.TOO_BIG, r.next());
        assertEquals(4000, r.tooBigSize);
        assertEquals(WsFrameReader.OP_TEXT, r.next());
        assertEquals("after", r.text);
    }

    @Test
    void aMessageOverTheLimitInCharactersIsTooBigToo() throws IOException {
        WsFrameReader r = new WsFrameReader(new ByteArrayInputStream(frame(true, 1, utf8("z".repeat(1500)))), 1024);
        assertEquals(WsFrameReader.TOO_BIG, r.next());
        assertEquals(1500, r.tooBigSize);
    }

    @Test
    void protocolViolationsNameTheProblemAndTheCloseCode() {
        record Case(byte[] wire, int code, String problem) {
        }
        Case[] cases = {
            new Case(new byte[] {(byte) 0x81, (byte) 0x81, 0, 0, 0, 0, 'a'}, 1002, "masked"),
            new Case(new byte[] {(byte) 0xC1, 1, 'a'}, 1002, "reserved bits"),
            new Case(frame(true, 3, new byte[0]), 1002, "unknown opcode 3"),
            new Case(frame(true, 0, utf8("x")), 1002, "continuation frame outside"),
            new Case(concat(frame(false, 1, utf8("a")), frame(true, 1, utf8("b"))), 1002, "new message inside"),
            new Case(frame(false, 9, new byte[0]), 1002, "fragmented or over-long control"),
            new Case(frame(true, 9, new byte[126]), 1002, "fragmented or over-long control"),
            new Case(frame(true, 8, new byte[] {3}), 1002, "one-byte payload"),
            new Case(frame(true, 1, new byte[] {(byte) 0xC3, 0x28}), 1007, "not UTF-8"),
            new Case(frame(true, 8, new byte[] {3, (byte) 0xE8, (byte) 0xFF}), 1007, "close reason that is not UTF-8"),
        };
        for (Case c : cases) {
            WsFrameReader r = new WsFrameReader(new ByteArrayInputStream(c.wire), 1024);
            WsProtocolException e = assertThrows(WsProtocolException.class, () -> {
                while (r.next() != WsFrameReader.END) {
                    // read until the violation
                }
            }, c.problem);
            assertEquals(c.code, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains(c.problem), e.getMessage());
        }
    }

    @Test
    void theStreamEndingInsideAFrameIsAnErrorAndBetweenFramesIsTheEnd() throws IOException {
        byte[] whole = frame(true, 1, utf8("hello"));
        WsFrameReader cut = new WsFrameReader(new ByteArrayInputStream(whole, 0, whole.length - 2), 1024);
        assertThrows(EOFException.class, cut::next);
        WsFrameReader clean = new WsFrameReader(new ByteArrayInputStream(whole), 1024);
        assertEquals(WsFrameReader.OP_TEXT, clean.next());
        assertEquals(WsFrameReader.END, clean.next());
    }

    /** A stream that hands out one chunk per read (a chunk larger than the room is split). */
    private static InputStream chunks(List<byte[]> parts) {
        Deque<byte[]> left = new ArrayDeque<>(parts);
        return new InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                byte[] next = left.poll();
                if (next == null) {
                    return -1;
                }
                int n = Math.min(len, next.length);
                System.arraycopy(next, 0, b, off, n);
                if (n < next.length) {
                    left.addFirst(Arrays.copyOfRange(next, n, next.length));
                }
                return n;
            }
        };
    }

    @Test
    void aSlowStreamPausesBeforeEachReadThatWouldWaitAndAQuickOneNever() throws IOException {
        long delay = 50_000_000;
        List<Long> pauses = new ArrayList<>();
        // a slow stream: one small message per read, every read short of the room
        List<byte[]> slow = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slow.add(frame(true, 1, utf8("{\"event\":" + i + "}")));
        }
        WsFrameReader r = new WsFrameReader(chunks(slow), 1024, delay, pauses::add);
        for (int i = 0; i < 5; i++) {
            assertEquals(WsFrameReader.OP_TEXT, r.next());
            assertEquals("{\"event\":" + i + "}", r.text);
        }
        assertEquals(WsFrameReader.END, r.next());
        assertEquals(List.of(delay, delay, delay, delay, delay), pauses, "a pause before every read after the first");

        // a quick stream: each read fills the 16 KiB buffer, or (the last) brings over 4 KiB
        pauses.clear();
        byte[] big = frame(true, 1, utf8("y".repeat(40_000)));
        byte[] tail = frame(true, 1, utf8("z".repeat(5_000)));
        List<byte[]> quick = List.of(Arrays.copyOfRange(big, 0, 16 * 1024),
                Arrays.copyOfRange(big, 16 * 1024, 32 * 1024), Arrays.copyOfRange(big, 32 * 1024, big.length), tail);
        WsFrameReader q = new WsFrameReader(chunks(quick), 100_000, delay, pauses::add);
        assertEquals(WsFrameReader.OP_TEXT, q.next());
        assertEquals(40_000, q.text.length());
        assertEquals(WsFrameReader.OP_TEXT, q.next());
        assertEquals(5_000, q.text.length());
        assertEquals(WsFrameReader.END, q.next());
        assertEquals(List.of(), pauses, "over 4 KiB since the last decision: the stream is not slow");

        // off: never pauses
        pauses.clear();
        WsFrameReader off = new WsFrameReader(chunks(slow), 1024, 0, pauses::add);
        for (int i = 0; i < 5; i++) {
            assertEquals(WsFrameReader.OP_TEXT, off.next());
        }
        assertEquals(List.of(), pauses);
    }
}
