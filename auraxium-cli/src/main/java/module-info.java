/** The {@code auraxium} command: demo, tail, record, serve. */
module dev.auraxium.cli {
    requires dev.auraxium.core;
    requires dev.auraxium.transport.jdk;
    requires dev.auraxium.testkit;
    requires info.picocli;

    //     exports dev.auraxium.cli; (added with the first class)
    //     opens dev.auraxium.cli to info.picocli; (added with the first class)
}
