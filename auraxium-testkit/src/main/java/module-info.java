/** The auraxium test kit: a fake ESS server, recordings, replay, fault injection and JUnit 5 glue. */
module dev.auraxium.testkit {
    requires transitive dev.auraxium.core;
    requires static org.junit.jupiter.api;

    //     exports dev.auraxium.testkit; (added with the first class)
    exports dev.auraxium.testkit.tck;
}
