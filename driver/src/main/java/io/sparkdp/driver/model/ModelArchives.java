package io.sparkdp.driver.model;

import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.NetworkConfiguration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.util.ModelSerializer;

/**
 * What a model zip may hold before DL4J reads it. DL4J's {@code ModelSerializer} reads
 * {@code configuration.json} with Jackson and the arrays with ND4J's own format, but it hands a
 * {@code preprocessor.bin} entry, where one is present, to {@code ObjectInputStream.readObject}:
 * Java deserialization of whatever the file holds, in the driver JVM, with Spark's and Hadoop's
 * libraries on the class path. sparkdp never writes such entries, so a zip holding one is refused
 * before DL4J opens it.
 */
public final class ModelArchives {
    /** Entries DL4J would read through Java serialization. */
    static final Set<String> JAVA_SERIALIZED = Set.of("preprocessor.bin", "normalizer.bin");
    /** The entry holding the network's configuration JSON. */
    private static final String CONFIGURATION = "configuration.json";

    private ModelArchives() {
    }

    /**
     * The zip's bytes as a stream for {@code ModelSerializer}.
     *
     * @throws ModelStore.StorageException if the zip holds a Java-serialized entry
     */
    public static InputStream checked(String uri, byte[] zip) throws IOException {
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (JAVA_SERIALIZED.contains(entry.getName())) {
                    throw new ModelStore.StorageException("refusing model " + uri + ": it holds " + entry.getName()
                            + ", a Java-serialized object that DL4J would deserialize; sparkdp never writes one");
                }
            }
        }
        return new ByteArrayInputStream(zip);
    }

    /**
     * The network a DL4J model zip holds, of whichever kind its configuration says, with its
     * optimizer state.
     *
     * @throws ModelStore.StorageException if the zip holds a Java-serialized entry
     */
    public static Network restore(String uri, byte[] zip) throws IOException {
        InputStream in = checked(uri, zip);
        Optional<byte[]> configuration = entry(zip, CONFIGURATION);
        boolean graph = configuration.isPresent() && NetworkConfiguration.fromJson(
                new String(configuration.get(), StandardCharsets.UTF_8)) instanceof NetworkConfiguration.Graph;
        return graph ? Network.of(ModelSerializer.restoreComputationGraph(in, true))
                : Network.of(ModelSerializer.restoreMultiLayerNetwork(in, true));
    }

    /** The bytes of entry {@code name}, if the zip holds one. */
    public static Optional<byte[]> entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return Optional.of(entries.readAllBytes());
                }
            }
        }
        return Optional.empty();
    }

    /** {@code zip} with one more entry, {@code name}, holding {@code content}. */
    public static byte[] withEntry(byte[] zip, String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(zip.length + content.length + 256);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.getName().equals(name)) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            out.putNextEntry(new ZipEntry(name));
            out.write(content);
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
