/**
 * auraxium core: typed ESS events and triggers ({@code dev.auraxium.event}), the
 * {@code EventClient} ({@code dev.auraxium.client}), the ESS codec ({@code dev.auraxium.protocol})
 * and the transport SPI ({@code dev.auraxium.transport}); {@code dev.auraxium} holds the root
 * exception. The packages depend on each other in one direction only: {@code event} on the root,
 * {@code protocol} on {@code event}, {@code transport} on the root, and {@code client} on all of
 * them. Contains no network code; a transport such as {@code auraxium-transport-jdk} is found with
 * {@link java.util.ServiceLoader}.
 */
module dev.auraxium.core {
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports dev.auraxium;
    exports dev.auraxium.client;
    exports dev.auraxium.event;
    exports dev.auraxium.protocol;
    exports dev.auraxium.transport;
    // One edit distance for every "did you mean"; the command line suggests its own command names.
    exports dev.auraxium.internal.text to dev.auraxium.cli;
    // One redaction of the service id for the whole project; not part of the public API.
    exports dev.auraxium.internal.serviceid to dev.auraxium.transport.jdk, dev.auraxium.testkit, dev.auraxium.cli;
    // How a client wrote its command, which the fake server answers by: not part of the public API.
    exports dev.auraxium.internal.command to dev.auraxium.testkit;

    uses dev.auraxium.transport.TransportProvider;
}
