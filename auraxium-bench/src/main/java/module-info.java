/** JMH benchmarks of auraxium: decoding, matching, dispatch and end to end. */
module dev.auraxium.bench {
    requires dev.auraxium.core;
    requires dev.auraxium.transport.jdk;
    requires dev.auraxium.testkit;
    requires jmh.core;
    requires java.net.http;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports dev.auraxium.bench;
}
