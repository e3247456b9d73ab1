/** JMH benchmarks of auraxium: decoding, matching, dispatch and end to end. */
module dev.auraxium.bench {
    requires dev.auraxium.core;
    requires dev.auraxium.transport.jdk;
    requires dev.auraxium.testkit;
    requires jmh.core;

    //     exports dev.auraxium.bench; (added with the first class)
}
