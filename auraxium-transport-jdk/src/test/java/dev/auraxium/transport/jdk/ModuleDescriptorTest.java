package dev.auraxium.transport.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auraxium.transport.TransportProvider;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The module path finds the transport through {@code provides} in module-info (tests run on the
 * class path, where META-INF/services is used): this reads the compiled descriptor and checks it
 * declares the provider and exports only the public package.
 */
class ModuleDescriptorTest {

    @Test
    void moduleInfoProvidesTheTransportAndExportsOnlyThePublicPackage() throws Exception {
        Path classes = Path.of(JdkTransportProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            d = ModuleDescriptor.read(in);
        }
        assertEquals("dev.auraxium.transport.jdk", d.name());
        ModuleDescriptor.Provides provides = d.provides().stream()
                .filter(p -> p.service().equals(TransportProvider.class.getName()))
                .findFirst().orElseThrow(() -> new AssertionError("module-info does not provide TransportProvider"));
        assertEquals(List.of(JdkTransportProvider.class.getName(), SocketTransportProvider.class.getName()),
                provides.providers());
        assertEquals(Set.of("dev.auraxium.transport.jdk"),
                d.exports().stream().map(ModuleDescriptor.Exports::source).collect(java.util.stream.Collectors.toSet()));
    }
}
