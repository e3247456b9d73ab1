/** The auraxium transports on the JDK alone: {@code java.net.http.WebSocket}, and a plain socket with our own framing. */
module dev.auraxium.transport.jdk {
    requires dev.auraxium.core;
    requires java.net.http;

    exports dev.auraxium.transport.jdk;

    provides dev.auraxium.transport.TransportProvider with dev.auraxium.transport.jdk.JdkTransportProvider,
            dev.auraxium.transport.jdk.SocketTransportProvider;
}
