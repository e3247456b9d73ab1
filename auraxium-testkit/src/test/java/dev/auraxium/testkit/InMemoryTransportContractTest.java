package dev.auraxium.testkit;

import dev.auraxium.testkit.tck.ContractServer;
import dev.auraxium.testkit.tck.FakeEssContractServer;
import dev.auraxium.testkit.tck.TransportContractTest;
import dev.auraxium.transport.Transport;

/** The in-memory transport held to the same transport contract as the network ones, against a fake ESS. */
class InMemoryTransportContractTest extends TransportContractTest {
    private FakeEssContractServer server;

    @Override
    protected ContractServer newServer() {
        server = FakeEssContractServer.start();
        return server;
    }

    @Override
    protected Transport newTransport() {
        return new InMemoryTransport(server.server());
    }
}
