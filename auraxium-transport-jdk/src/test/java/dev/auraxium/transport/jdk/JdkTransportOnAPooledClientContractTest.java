package dev.auraxium.transport.jdk;

import dev.auraxium.testkit.tck.TransportContractTest;
import dev.auraxium.transport.Transport;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The JDK transport on a caller's {@link HttpClient} made with the JDK's defaults (a thread-pool
 * executor, unlike the transport's own client, whose executor runs tasks inline), held to the same
 * transport contract.
 */
class JdkTransportOnAPooledClientContractTest extends TransportContractTest {

    @Override
    protected Transport newTransport() {
        HttpClient pooled = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return JdkTransport.builder()
                .httpClient(pooled)
                .connectTimeout(Duration.ofSeconds(5))
                .closeTimeout(Duration.ofSeconds(3))
                .maxMessageChars(8 * 1024 * 1024) // the contract's 5 MB message is over the 1 Mi default
                .build();
    }
}
