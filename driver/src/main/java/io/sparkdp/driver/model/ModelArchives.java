package io.sparkdp.driver.model;

import io.sparkdp.models.network.GanNetwork;
import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.NetworkConfiguration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
    /** The entry holding the flat parameters, in ND4J's binary array format. */
    private static final String COEFFICIENTS = "coefficients.bin";
    /** The entry holding DL4J's optimizer state, which inference does not read. */
    public static final String UPDATER_STATE = "updaterState.bin";
    /**
     * The large entries, which {@code ModelSerializer} reads from the zip itself, so that
     * {@link #entries} need not copy them for {@link #restore(byte[], Map)}.
     */
    public static final Set<String> ARRAYS = Set.of(COEFFICIENTS, UPDATER_STATE);
    /** The entry of a GAN's zip holding its {@link NetworkConfiguration.Gan} JSON: which of the stack's layers generate. */
    static final String GAN = "sparkdp-gan.json";
    /** The entry of a GAN's zip holding both optimizers' states, in ND4J's binary array format. */
    static final String GAN_UPDATER_STATE = "sparkdp-gan-updater-state.bin";

    private ModelArchives() {
    }

    private static ModelStore.StorageException refused(String uri, String entry) {
        return new ModelStore.StorageException("refusing model " + uri + ": it holds " + entry
                + ", a Java-serialized object that DL4J would deserialize; sparkdp never writes one");
    }

    /**
     * The network a DL4J model zip holds, of whichever kind its configuration says, with its
     * optimizer state.
     *
     * @throws ModelStore.StorageException if the zip holds a Java-serialized entry
     */
    public static Network restore(String uri, byte[] zip) throws IOException {
        return restore(zip, entries(uri, zip, ARRAYS));
    }

    /**
     * {@link #restore(String, byte[])} with the zip's entries already read and checked by
     * {@link #entries}, which need not hold the arrays: {@code ModelSerializer} reads those from
     * {@code zip} itself.
     */
    public static Network restore(byte[] zip, Map<String, byte[]> entries) throws IOException {
        InputStream in = new ByteArrayInputStream(zip);
        byte[] gan = entries.get(GAN);
        if (gan != null) {
            return restoreGan(in, gan, Optional.ofNullable(entries.get(GAN_UPDATER_STATE)));
        }
        byte[] configuration = entries.get(CONFIGURATION);
        boolean graph = configuration != null && NetworkConfiguration.fromJson(
                new String(configuration, StandardCharsets.UTF_8)) instanceof NetworkConfiguration.Graph;
        return graph ? Network.of(ModelSerializer.restoreComputationGraph(in, true))
                : Network.of(ModelSerializer.restoreMultiLayerNetwork(in, true));
    }

    /**
     * A GAN's zip is DL4J's zip of its stacked network {@code D(G(z))}, which plain DL4J reads as
     * one MultiLayerNetwork, without DL4J's optimizer state (the stack has no optimizer of its
     * own), plus the GAN's configuration and both parts' optimizer states.
     */
    private static Network restoreGan(InputStream in, byte[] gan, Optional<byte[]> state) throws IOException {
        Optional<INDArray> updaterState = Optional.empty();
        if (state.isPresent()) {
            try (DataInputStream data = new DataInputStream(new ByteArrayInputStream(state.get()))) {
                updaterState = Optional.of(Nd4j.read(data));
            }
        }
        return gan(gan, ModelSerializer.restoreMultiLayerNetwork(in, false), updaterState);
    }

    /** The GAN that entry {@code gan} ({@link #GAN}) cuts out of {@code stack}. */
    private static Network gan(byte[] gan, MultiLayerNetwork stack, Optional<INDArray> updaterState) throws IOException {
        NetworkConfiguration saved = NetworkConfiguration.fromJson(new String(gan, StandardCharsets.UTF_8));
        if (!(saved instanceof NetworkConfiguration.Gan configuration)) {
            throw new IOException(GAN + " holds no GAN configuration");
        }
        return GanNetwork.restore(configuration, stack, updaterState);
    }

    /**
     * Writes {@code network}, of any kind, as a model zip with its optimizer state: DL4J's own zip,
     * and for a {@link GanNetwork} its stack's, with the GAN's entries added.
     */
    public static void write(Network network, OutputStream out) throws IOException {
        if (!(network instanceof GanNetwork gan)) {
            ModelSerializer.writeModel(network.model(), out, true);
            return;
        }
        ByteArrayOutputStream stack = new ByteArrayOutputStream();
        ModelSerializer.writeModel(gan.stack(), stack, false);
        byte[] zip = withEntry(stack.toByteArray(), GAN, gan.configuration().toJson().getBytes(StandardCharsets.UTF_8));
        if (gan.updaterState().isPresent()) {
            ByteArrayOutputStream state = new ByteArrayOutputStream();
            try (DataOutputStream data = new DataOutputStream(state)) {
                Nd4j.write(gan.updaterState().get(), data);
            }
            zip = withEntry(zip, GAN_UPDATER_STATE, state.toByteArray());
        }
        out.write(zip);
    }

    /**
     * The network of a model zip for inference only: its configuration and parameters, without
     * the optimizer state (an Adam model's is twice its parameters, and inference never uses it),
     * the parameters read in bulk ({@link Nd4jArrayFormat}), built as {@code ModelSerializer}
     * would restore them otherwise: a multi-layer network, a computation graph (as the network
     * its kind says) or a GAN, whose optimizers start from a zero state. A zip without parameters
     * is restored in full by {@link #restore(byte[], Map)}.
     *
     * @param entries the zip's entries by name, from {@link #entries}, which refused any Java-serialized one
     */
    public static Network restoreForInference(byte[] zip, Map<String, byte[]> entries) throws IOException {
        byte[] configuration = entries.get(CONFIGURATION);
        byte[] coefficients = entries.get(COEFFICIENTS);
        if (configuration == null || coefficients == null || coefficients.length == 0) {
            return restore(zip, entries);
        }
        NetworkConfiguration saved = NetworkConfiguration.fromJson(new String(configuration, StandardCharsets.UTF_8));
        INDArray params = Nd4jArrayFormat.read(coefficients);
        if (saved instanceof NetworkConfiguration.Graph graph) {
            ComputationGraphConfiguration conf = graph.conf();
            conf.setDataType(params.dataType()); // as ModelSerializer does, for configurations saved without one
            ComputationGraph network = new ComputationGraph(conf);
            network.init(params, false);
            return Network.of(network);
        }
        if (!(saved instanceof NetworkConfiguration.Layers layers)) {
            return restore(zip, entries);
        }
        MultiLayerConfiguration conf = layers.conf();
        conf.setDataType(params.dataType());
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init(params, false);
        byte[] gan = entries.get(GAN);
        return gan != null ? gan(gan, network, Optional.empty()) : Network.of(network);
    }

    /**
     * Every entry of the zip by name, read in one pass, except those named in {@code skipped}.
     * This pass is where every load refuses a zip with a Java-serialized entry, before DL4J opens it.
     *
     * @throws ModelStore.StorageException if the zip holds a Java-serialized entry
     */
    public static Map<String, byte[]> entries(String uri, byte[] zip, Set<String> skipped) throws IOException {
        Map<String, byte[]> read = new HashMap<>();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (JAVA_SERIALIZED.contains(entry.getName())) {
                    throw refused(uri, entry.getName());
                }
                if (!skipped.contains(entry.getName())) {
                    read.put(entry.getName(), entries.readAllBytes());
                }
            }
        }
        return read;
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
