package io.sparkdp.models;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** The architectures sparkdp builds by name. */
public final class ModelZoo {
    private static final Map<String, Architecture> ARCHITECTURES = new LinkedHashMap<>();

    static {
        register(new MlpArchitecture());
        register(new CnnArchitecture());
    }

    private ModelZoo() {
    }

    private static void register(Architecture architecture) {
        ARCHITECTURES.put(architecture.name(), architecture);
    }

    /** Every architecture, in the order {@code sparkdp models} lists them. */
    public static Collection<Architecture> all() {
        return Collections.unmodifiableCollection(ARCHITECTURES.values());
    }

    /**
     * The architecture of that name.
     *
     * @throws IllegalArgumentException naming the known architectures, if there is none
     */
    public static Architecture get(String name) {
        Architecture architecture = ARCHITECTURES.get(name);
        if (architecture == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; choose one of "
                    + String.join(", ", ARCHITECTURES.keySet()));
        }
        return architecture;
    }

    /** The configuration of the named model for this request. */
    public static MultiLayerConfiguration configure(String name, ModelRequest request) {
        return get(name).configure(request);
    }

    /** A freshly initialised network of the named model. */
    public static MultiLayerNetwork build(String name, ModelRequest request) {
        MultiLayerNetwork network = new MultiLayerNetwork(configure(name, request));
        network.init();
        return network;
    }
}
