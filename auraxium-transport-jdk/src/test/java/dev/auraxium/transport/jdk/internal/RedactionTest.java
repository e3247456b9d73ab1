package dev.auraxium.transport.jdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void keepsTwoCharactersAndTheLengthOfAServiceId() {
        assertEquals("s:ex…(12 chars)", Redaction.serviceId("s:example12345"));
    }

    @Test
    void showsNothingOfAShortServiceId() {
        assertEquals("s:…(4 chars)", Redaction.serviceId("s:abcd"));
    }

    @Test
    void redactsOnlyTheServiceIdParameterOfAUri() {
        URI uri = URI.create("wss://push.planetside2.com/streaming?environment=ps2&service-id=s:example12345&x=1");
        assertEquals("wss://push.planetside2.com/streaming?environment=ps2&service-id=s:ex…(12 chars)&x=1",
                Redaction.uri(uri));
    }

    @Test
    void leavesAParameterThatMerelyEndsInServiceIdAlone() {
        URI uri = URI.create("ws://h/streaming?not-service-id=abc&service-id=s:abcdefgh");
        assertEquals("ws://h/streaming?not-service-id=abc&service-id=s:ab…(8 chars)", Redaction.uri(uri));
    }

    @Test
    void leavesAUriWithoutQueryUnchanged() {
        assertEquals("ws://127.0.0.1:80/streaming", Redaction.uri(URI.create("ws://127.0.0.1:80/streaming")));
    }
}
