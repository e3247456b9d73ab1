package dev.auraxium.transport.jdk;

import dev.auraxium.testkit.tck.TransportContractTest;
import dev.auraxium.transport.Transport;
import java.time.Duration;

/** The socket transport held to the transport contract, against the test kit's real WebSocket server. */
class SocketTransportContractTest extends TransportContractTest {

    @Override
    protected Transport newTransport() {
        return SocketTransport.builder()
                .connectTimeout(Duration.ofSeconds(5))
                .closeTimeout(Duration.ofSeconds(3))
                .maxMessageChars(8 * 1024 * 1024) // the contract's 5 MB message is over the 1 Mi default
                .build();
    }
}
