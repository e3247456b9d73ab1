package dev.auraxium.testkit.internal.ws;

import dev.auraxium.testsupport.Await;
import static dev.auraxium.testkit.internal.ws.RecordingHandler.take;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FramingTest {

    private static final int MAX_MESSAGE = 100_000;

    private RecordingHandler handler;
    private WebSocketServer server;
    private RawClient client;

    @BeforeEach
    void start() throws IOException {
        handler = new RecordingHandler(true);
        server = WebSocketServer.start(WebSocketServer.Config.defaults().withMaxMessageBytes(MAX_MESSAGE), handler);
        client = new RawClient(server.port()).open("/streaming");
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    static Stream<Arguments> lengthForms() {
        return Stream.of(Arguments.of(0, 7), Arguments.of(125, 7), Arguments.of(126, 16), Arguments.of(65_535, 16),
                Arguments.of(65_536, 64), Arguments.of(99_000, 64));
    }

    @ParameterizedTest
    @MethodSource("lengthForms")
    void readsAndWritesEachLengthEncoding(int length, int form) throws Exception {
        String text = "x".repeat(length);
        client.sendFrame(true, 0, WsProtocol.OPCODE_TEXT, text.getBytes(StandardCharsets.US_ASCII), true, form);

        assertEquals(text, take(handler.texts).text());
        RawClient.Frame echo = client.readFrame();
        assertEquals(form, echo.lengthForm(), "the server must use the shortest length form");
        assertFalse(echo.masked(), "server frames are never masked");
        assertTrue(echo.fin());
        assertEquals(text, echo.text());
    }

    @Test
    void encodesMultibyteTextInPlace() throws Exception {
        String text = "Ä€\uD83D\uDE00 " + "é".repeat(60) + "\uD800"; // 2-, 3-, 4-byte and a lone surrogate
        WsConnection connection = take(handler.opened);
        connection.sendText(text);
        RawClient.Frame frame = client.readFrame();
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), frame.payload());
        assertEquals(FrameBatch.headerSize(frame.payload().length) == 2 ? 7 : 16, frame.lengthForm());
    }

    @Test
    void unmaskedClientFrameClosesWith1002() throws Exception {
        client.sendFrame(true, 0, WsProtocol.OPCODE_TEXT, "hello".getBytes(StandardCharsets.UTF_8), false, -1);
        assertClosedBoth(WsProtocol.CLOSE_PROTOCOL_ERROR);
        assertTrue(handler.texts.isEmpty());
    }

    static Stream<Arguments> protocolViolations() {
        byte[] small = {1, 2, 3};
        return Stream.of(
                Arguments.of("reserved bit", RawClient.encode(true, 4, WsProtocol.OPCODE_TEXT, small, true, -1)),
                Arguments.of("unknown opcode", RawClient.encode(true, 0, 3, small, true, -1)),
                Arguments.of("fragmented ping", RawClient.encode(false, 0, WsProtocol.OPCODE_PING, small, true, -1)),
                Arguments.of("126-byte ping", RawClient.encode(true, 0, WsProtocol.OPCODE_PING, new byte[126], true, -1)),
                Arguments.of("lone continuation", RawClient.encode(true, 0, WsProtocol.OPCODE_CONTINUATION, small, true, -1)),
                Arguments.of("text inside fragmented text", concat(
                        RawClient.encode(false, 0, WsProtocol.OPCODE_TEXT, small, true, -1),
                        RawClient.encode(true, 0, WsProtocol.OPCODE_TEXT, small, true, -1))),
                Arguments.of("non-minimal 16-bit length", RawClient.encode(true, 0, WsProtocol.OPCODE_TEXT, small, true, 16)),
                Arguments.of("64-bit length with MSB set", new byte[] {(byte) 0x81, (byte) 0xFF,
                        (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4}),
                Arguments.of("1-byte close payload", RawClient.encode(true, 0, WsProtocol.OPCODE_CLOSE, new byte[] {3}, true, -1)),
                Arguments.of("close code 1005", RawClient.encode(true, 0, WsProtocol.OPCODE_CLOSE,
                        RawClient.closePayload(1005, ""), true, -1)),
                Arguments.of("close code 999", RawClient.encode(true, 0, WsProtocol.OPCODE_CLOSE,
                        RawClient.closePayload(999, ""), true, -1)),
                Arguments.of("close code 5000", RawClient.encode(true, 0, WsProtocol.OPCODE_CLOSE,
                        RawClient.closePayload(5000, ""), true, -1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocolViolations")
    void protocolViolationClosesWith1002(String what, byte[] bytes) throws Exception {
        client.out.write(bytes);
        client.out.flush();
        assertClosedBoth(WsProtocol.CLOSE_PROTOCOL_ERROR);
    }

    @Test
    void reassemblesFragmentedTextWithACharacterSplitAcrossFrames() throws Exception {
        byte[] utf8 = "abc€def".getBytes(StandardCharsets.UTF_8); // € is 3 bytes at 3..5
        client.sendFrame(false, WsProtocol.OPCODE_TEXT, Arrays.copyOfRange(utf8, 0, 4));
        client.sendFrame(false, WsProtocol.OPCODE_CONTINUATION, Arrays.copyOfRange(utf8, 4, 5));
        client.sendFrame(true, WsProtocol.OPCODE_CONTINUATION, Arrays.copyOfRange(utf8, 5, utf8.length));
        assertEquals("abc€def", take(handler.texts).text());
        assertEquals("abc€def", client.readFrame().text());
    }

    @Test
    void answersPingInsideFragmentedMessageAndStillReassemblesIt() throws Exception {
        client.sendFrame(false, WsProtocol.OPCODE_TEXT, "part one, ".getBytes(StandardCharsets.UTF_8));
        client.sendFrame(true, WsProtocol.OPCODE_PING, new byte[] {7, 8, 9});
        RawClient.Frame pong = client.readFrame();
        assertEquals(WsProtocol.OPCODE_PONG, pong.opcode());
        assertArrayEquals(new byte[] {7, 8, 9}, pong.payload());
        client.sendFrame(true, WsProtocol.OPCODE_PONG, new byte[0]); // unsolicited pong: ignored
        client.sendFrame(true, WsProtocol.OPCODE_CONTINUATION, "part two".getBytes(StandardCharsets.UTF_8));
        assertEquals("part one, part two", take(handler.texts).text());
    }

    @Test
    void reassemblesFragmentedBinary() throws Exception {
        client.sendFrame(false, WsProtocol.OPCODE_BINARY, new byte[] {1, 2});
        client.sendFrame(true, WsProtocol.OPCODE_CONTINUATION, new byte[] {3});
        assertArrayEquals(new byte[] {1, 2, 3}, take(handler.binaries));
    }

    @Test
    void oversizeMessageClosesWith1009() throws Exception {
        client.sendFrame(true, WsProtocol.OPCODE_TEXT, new byte[MAX_MESSAGE + 1]);
        assertClosedBoth(WsProtocol.CLOSE_MESSAGE_TOO_BIG);
    }

    @Test
    void oversizeFragmentedMessageClosesWith1009() throws Exception {
        client.sendFrame(false, WsProtocol.OPCODE_BINARY, new byte[MAX_MESSAGE / 2 + 1]);
        client.sendFrame(true, WsProtocol.OPCODE_CONTINUATION, new byte[MAX_MESSAGE / 2 + 1]);
        assertClosedBoth(WsProtocol.CLOSE_MESSAGE_TOO_BIG);
    }

    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        client.sendFrame(true, WsProtocol.OPCODE_TEXT, new byte[] {'o', 'k', (byte) 0xC0, (byte) 0xAF});
        assertClosedBoth(WsProtocol.CLOSE_INVALID_PAYLOAD);
        assertTrue(handler.texts.isEmpty());
    }

    @Test
    void textEndingInsideACharacterAcrossFragmentsClosesWith1007() throws Exception {
        client.sendFrame(false, WsProtocol.OPCODE_TEXT, new byte[] {'a', (byte) 0xE2});
        client.sendFrame(true, WsProtocol.OPCODE_CONTINUATION, new byte[] {(byte) 0x82});
        assertClosedBoth(WsProtocol.CLOSE_INVALID_PAYLOAD);
    }

    @Test
    void invalidUtf8InCloseReasonClosesWith1007() throws Exception {
        byte[] payload = {0x03, (byte) 0xE8, (byte) 0xFF};
        client.sendFrame(true, WsProtocol.OPCODE_CLOSE, payload);
        assertClosedBoth(WsProtocol.CLOSE_INVALID_PAYLOAD);
    }

    @Test
    void echoesTheClientsCloseAndClosesTheSocket() throws Exception {
        client.sendFrame(true, WsProtocol.OPCODE_CLOSE, RawClient.closePayload(1000, "bye"));
        RawClient.Frame close = client.readFrame();
        assertEquals(WsProtocol.OPCODE_CLOSE, close.opcode());
        assertEquals(1000, close.closeCode());
        assertTrue(client.awaitEndOfStream(), "the server closes the TCP connection after the handshake");
        RecordingHandler.Closed closed = take(handler.closed);
        assertEquals(1000, closed.code());
        assertEquals("bye", closed.reason());
        assertFalse(closed.connection().isOpen());
    }

    @Test
    void emptyCloseIsAnsweredWithEmptyClose() throws Exception {
        client.sendFrame(true, WsProtocol.OPCODE_CLOSE, new byte[0]);
        RawClient.Frame close = client.readFrame();
        assertEquals(0, close.payload().length);
        assertEquals(WsProtocol.CLOSE_NO_STATUS, take(handler.closed).code());
    }

    @Test
    void serverCloseWaitsForThePeersClose() throws Exception {
        WsConnection connection = take(handler.opened);
        connection.sendText("last words");
        connection.close(4000, "done");
        assertFalse(connection.isOpen());
        connection.sendText("dropped after close");
        assertEquals("last words", client.readFrame().text());
        RawClient.Frame close = client.readFrame();
        assertEquals(4000, close.closeCode());
        assertEquals("done", new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8));
        client.sendFrame(true, WsProtocol.OPCODE_CLOSE, RawClient.closePayload(4000, ""));
        assertTrue(client.awaitEndOfStream());
        assertEquals(4000, take(handler.closed).code());
    }

    @Test
    void abortDropsTheConnectionWithoutACloseFrame() throws Exception {
        WsConnection connection = take(handler.opened);
        connection.abort();
        assertTrue(client.awaitEndOfStream());
        RecordingHandler.Closed closed = take(handler.closed);
        assertEquals(WsProtocol.CLOSE_ABNORMAL, closed.code());
        assertTrue(server.connections().isEmpty());
    }

    @Test
    void reportsCloseOnceWhenThePeerDropsTheSocket() throws Exception {
        WsConnection connection = take(handler.opened);
        client.close();
        assertEquals(WsProtocol.CLOSE_ABNORMAL, take(handler.closed).code());
        connection.abort(); // a late abort must not report a second close
        connection.close(1000, "late");
        assertTrue(handler.closed.poll(200, TimeUnit.MILLISECONDS) == null, "onClose must run exactly once");
    }

    @Test
    void sendsInjectedFramesAndRawBytesAsGiven() throws Exception {
        WsConnection connection = take(handler.opened);
        connection.sendFrame(WsProtocol.OPCODE_TEXT, false, "frag".getBytes(StandardCharsets.UTF_8));
        connection.sendFrame(WsProtocol.OPCODE_PING, true, new byte[] {1});
        connection.sendFrame(WsProtocol.OPCODE_CONTINUATION, true, "ment".getBytes(StandardCharsets.UTF_8));
        connection.sendRaw(new byte[] {(byte) 0x81, 0x02, 'h', 'i'});
        RawClient.Frame first = client.readFrame();
        assertFalse(first.fin());
        assertEquals("frag", first.text());
        assertEquals(WsProtocol.OPCODE_PING, client.readFrame().opcode());
        RawClient.Frame last = client.readFrame();
        assertEquals(WsProtocol.OPCODE_CONTINUATION, last.opcode());
        assertTrue(last.fin());
        assertEquals("hi", client.readFrame().text());
        Await.until(() -> connection.framesSent() == 4, "4 frames counted as sent");
    }

    private void assertClosedBoth(int code) throws Exception {
        RawClient.Frame close = client.readUntilClose();
        assertEquals(code, close.closeCode(), "close code from the server");
        assertTrue(client.awaitEndOfStream(), "the server ends the stream after its close");
        client.close(); // as a real client does once it has seen the server's close and end of stream
        assertEquals(code, take(handler.closed).code(), "close code reported to the handler");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
