/** The {@code auraxium} command: demo, tail, record, serve. */
module dev.auraxium.cli {
    requires dev.auraxium.core;
    requires dev.auraxium.transport.jdk;
    requires dev.auraxium.testkit;
    requires info.picocli;
    requires java.logging;

    exports dev.auraxium.cli;
    // picocli reads and sets the commands' annotated fields by reflection.
    opens dev.auraxium.cli.internal to info.picocli;
}
