package dev.auraxium.transport.jdk;

import dev.auraxium.testkit.tck.TransportContractTest;
import dev.auraxium.transport.Transport;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The JDK transport on an {@link HttpClient} whose executor runs tasks inline, so the WebSocket's
 * receive work runs on the client's selector thread (the throughput setting JdkTransport's javadoc
 * describes), held to the same transport contract.
 */
class JdkTransportInlineContractTest extends TransportContractTest {

    @Override
    protected Transport newTransport() {
        HttpClient inline = HttpClient.newBuilder().executor(Runnable::run).connectTimeout(Duration.ofSeconds(5)).build();
        return JdkTransport.builder()
                .httpClient(inline)
                .connectTimeout(Duration.ofSeconds(5))
                .closeTimeout(Duration.ofSeconds(3))
                .build();
    }
}
