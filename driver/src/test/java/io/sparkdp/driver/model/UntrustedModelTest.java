package io.sparkdp.driver.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model zip from an untrusted source: a genuine sparkdp model with a {@code preprocessor.bin}
 * added, which DL4J would hand to Java deserialization. sparkdp refuses it before any object in
 * it is read; its own models load as before.
 */
class UntrustedModelTest {
    @TempDir
    Path dir;

    /** Records whether Java deserialization ever ran on it. */
    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean tripped;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            tripped = true;
        }
    }

    @Test
    void aModelWithAJavaSerializedEntryIsRefusedUnread() throws Exception {
        ModelStore store = new ModelStore(new Configuration());
        String genuine = dir.resolve("genuine.zip").toUri().toString();
        store.save(ModelZoo.build("mlp", ModelRequest.of(new InputShape(1, 4, 4), 3, 5L, OptimizerConfig.defaults())), genuine);
        Path crafted = dir.resolve("crafted.zip");
        copyWithExtraEntry(Path.of(dir.resolve("genuine.zip").toUri()), crafted, "preprocessor.bin", serialized(new Tripwire()));

        for (boolean inference : new boolean[] {false, true}) {
            ModelStore.StorageException refused = assertThrows(ModelStore.StorageException.class,
                    () -> load(store, crafted.toUri().toString(), inference));
            assertTrue(refused.getMessage().contains("holds preprocessor.bin"), refused.getMessage());
            assertFalse(Tripwire.tripped, "the entry was deserialized");
            assertTrue(load(store, genuine, inference).numParams() > 0, "a model sparkdp wrote still loads");
        }
    }

    private static io.sparkdp.models.network.Network load(ModelStore store, String uri, boolean inference) {
        return (inference ? store.loadForInference(uri) : store.loadStored(uri)).model();
    }

    private static byte[] serialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static void copyWithExtraEntry(Path from, Path to, String name, byte[] content) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream file = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (var data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
            }
            out.putNextEntry(new ZipEntry(name));
            out.write(content);
        }
    }
}
