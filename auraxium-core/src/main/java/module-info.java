/**
 * auraxium core: typed ESS events, triggers, the {@code EventClient}, the ESS codec and the
 * transport SPI. Contains no network code; a transport such as {@code auraxium-transport-jdk} is
 * found with {@link java.util.ServiceLoader}.
 */
module dev.auraxium.core {
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports dev.auraxium.event;
    exports dev.auraxium.protocol;
    exports dev.auraxium.transport;
    // One edit distance for every "did you mean"; the command line suggests its own command names.
    exports dev.auraxium.internal.text to dev.auraxium.cli;
    // One redaction of the service id for the whole project; not part of the public API.
    exports dev.auraxium.internal.serviceid to dev.auraxium.transport.jdk, dev.auraxium.testkit, dev.auraxium.cli;

    uses dev.auraxium.transport.TransportProvider;
}
