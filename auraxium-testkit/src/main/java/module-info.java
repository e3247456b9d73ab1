/** The auraxium test kit: a fake ESS server, recordings, replay, fault injection and JUnit Jupiter glue. */
module dev.auraxium.testkit {
    requires transitive dev.auraxium.core;
    requires static org.junit.jupiter.api;
    requires com.fasterxml.jackson.databind;

    exports dev.auraxium.testkit;
    exports dev.auraxium.testkit.junit;
    exports dev.auraxium.testkit.tck;
}
