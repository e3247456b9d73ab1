package dev.auraxium.internal.serviceid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.auraxium.event.Environment;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The one redaction of the service id that every module uses. */
class ServiceIdsTest {

    @Test
    void keepsAtMostTwoCharactersAndTheLengthOfAServiceId() {
        assertEquals("s:ex…(12 chars)", ServiceIds.redact("s:example12345"));
        assertEquals("s:ex…(12 chars)", ServiceIds.redact("example12345"));
        assertEquals("(none)", ServiceIds.redact(null));
    }

    @Test
    void showsNeverMoreThanAThirdOfAShortServiceId() {
        assertEquals("s:a…(4 chars)", ServiceIds.redact("s:abcd"));
        assertEquals("s:…(2 chars)", ServiceIds.redact("s:ab"));
    }

    @Test
    void scrubsThePrefixedAndTheBareIdFromAnyText() {
        String scrubbed = ServiceIds.scrub("GET /streaming?service-id=s:abcdefghijkl failed for abcdefghijkl", "abcdefghijkl");
        assertEquals("GET /streaming?service-id=s:ab…(12 chars) failed for s:ab…(12 chars)", scrubbed);
        assertFalse(ServiceIds.scrub("x s:abcdefghijkl", "s:abcdefghijkl").contains("abcdefghijkl"));
    }

    @Test
    void redactsOnlyTheServiceIdParameterOfAUri() {
        assertEquals("wss://push.planetside2.com/streaming?environment=ps2&service-id=s:ex…(12 chars)&x=1",
                ServiceIds.redactUri("wss://push.planetside2.com/streaming?environment=ps2&service-id=s:example12345&x=1"));
    }

    @Test
    void leavesAParameterThatMerelyEndsInServiceIdAlone() {
        assertEquals("ws://h/streaming?not-service-id=abc&service-id=s:ab…(8 chars)",
                ServiceIds.redactUri("ws://h/streaming?not-service-id=abc&service-id=s:abcdefgh"));
    }

    @Test
    void leavesAUriWithoutQueryUnchanged() {
        assertEquals("ws://127.0.0.1:80/streaming", ServiceIds.redactUri("ws://127.0.0.1:80/streaming"));
    }

    @Test
    void normalisesAndRefusesBlankIdsWithoutShowingThem() {
        assertEquals("s:example", ServiceIds.normalise(" example "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServiceIds.normalise("s:exa mple12"));
        assertFalse(e.getMessage().contains("exa mple12"), e.getMessage());
    }

    @Test
    void buildsTheStreamingQueryKeepingThePrefixLiteral() {
        URI base = URI.create("wss://push.planetside2.com/streaming");
        assertEquals("wss://push.planetside2.com/streaming?environment=ps2&service-id=s:ab%26c",
                ServiceIds.withQuery(base, Environment.PS2, "s:ab&c").toString());
        assertEquals("ws://h/streaming?x=1&environment=ps2ps4eu&service-id=plain",
                ServiceIds.withQuery(URI.create("ws://h/streaming?x=1"), Environment.PS2PS4EU, "plain").toString());
    }

    @Test
    void sendsTheServiceIdOnceEvenWhenTheEndpointCarriesOne() {
        URI endpoint = URI.create("ws://h/streaming?service-id=s:fromTheUri&x=1");
        assertEquals("ws://h/streaming?x=1&environment=ps2&service-id=s:given",
                ServiceIds.withQuery(endpoint, Environment.PS2, "s:given").toString());
        assertEquals("ws://h/streaming", ServiceIds.withoutServiceId(URI.create("ws://h/streaming?service-id=s:abc")).toString());
        assertEquals("s:fromTheUri", ServiceIds.queryServiceId(endpoint));
        assertEquals(null, ServiceIds.queryServiceId(URI.create("ws://h/streaming?x=1")));
    }
}
