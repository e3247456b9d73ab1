/** The auraxium transport on {@code java.net.http.WebSocket}. */
module dev.auraxium.transport.jdk {
    requires dev.auraxium.core;
    requires java.net.http;

    exports dev.auraxium.transport.jdk;

    provides dev.auraxium.transport.TransportProvider with dev.auraxium.transport.jdk.JdkTransportProvider;
}
