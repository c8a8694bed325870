package io.sparkdp.models.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Transfer learning on a trained network of either kind: a new network of the same architecture
 * that starts from its parameters, trains with a new optimizer, may have a freshly initialised
 * output layer of another width, and may keep a prefix of its layers frozen.
 * <p>
 * Frozen layers are DL4J's own {@link FrozenLayer}: the layer configuration in the network's JSON
 * is wrapped, so the freeze travels with everything that carries the configuration (the
 * broadcast from which executors rebuild networks, model zips, checkpoints). A frozen layer gets
 * no updater state, no regularisation, no gradient and runs in inference mode (dropout off,
 * batch-norm statistics fixed). DL4J's {@code TransferLearning} builders are not used because they
 * initialise a replaced layer from ND4J's global random generator, not from the run's seed.
 */
public final class Transfer {
    private Transfer() {
    }

    /**
     * How to adapt a trained network.
     *
     * @param freezeUpTo  the layer, by index in {@link Network#layers()} order or by name, up to and
     *                    including which layers are frozen; for a graph, that layer and every layer
     *                    it reads from; empty to freeze none
     * @param replaceHead width of a fresh output layer replacing the trained one; 0 to keep it
     * @param updater     the optimizer every trainable layer trains with
     * @param seed        the seed of the fresh output layer's initialisation
     */
    public record Plan(Optional<String> freezeUpTo, int replaceHead, IUpdater updater, long seed) {
        public Plan {
            if (replaceHead < 0) {
                throw new IllegalArgumentException("--replace-head must be 0 (keep the head) or a class count, got " + replaceHead);
            }
        }
    }

    /**
     * A network of {@code source}'s architecture, every layer frozen or not as {@code plan} says
     * (freezes in {@code source} itself are lifted first), the output layer replaced if asked,
     * and every other parameter copied from {@code source}. Its optimizer state and step and epoch
     * counters start fresh.
     *
     * @throws IllegalArgumentException in one line for a layer that does not exist, a freeze that
     *                                  would leave nothing to train, or a head that cannot be replaced
     */
    public static Network adapt(Network source, Plan plan) {
        NetworkConfiguration configuration = NetworkConfiguration.fromJson(source.configuration().toJson());
        FineTuneConfiguration fineTune = new FineTuneConfiguration.Builder().updater(plan.updater())
                .biasUpdater(plan.updater()).seed(plan.seed()).build();
        Set<String> frozen = plan.freezeUpTo().map(layer -> frozenSet(source, configuration, layer)).orElse(Set.of());
        String head = outputName(configuration);
        if (frozen.contains(head)) {
            throw new IllegalArgumentException("--freeze-up-to " + plan.freezeUpTo().get() + " would freeze the output layer "
                    + head + " too, and leave nothing to train; freeze up to a layer before it");
        }
        Map<String, NeuralNetConfiguration> layers = layerConfs(configuration, layerNames(source));
        layers.forEach((name, conf) -> {
            conf.setLayer(unfrozen(conf.getLayer()));
            fineTune.applyToNeuralNetConfiguration(conf);
        });
        if (plan.replaceHead() > 0) {
            replaceHead(layers.get(head), head, plan.replaceHead());
        }
        frozen.forEach(name -> {
            NeuralNetConfiguration conf = layers.get(name);
            FrozenLayer wrapped = new FrozenLayer(conf.getLayer());
            wrapped.setLayerName(name);
            conf.setLayer(wrapped);
        });
        resetCounts(configuration);
        Network adapted = NetworkConfiguration.fromJson(configuration.toJson()).build();
        copyParameters(source, adapted, plan.replaceHead() > 0 ? Optional.of(head) : Optional.empty());
        return adapted;
    }

    /** The names of the layers of {@code network} that are frozen, in {@link Network#layers()} order. */
    public static List<String> frozenLayers(Network network) {
        return layerConfs(network.configuration(), layerNames(network)).entrySet().stream()
                .filter(e -> isFrozen(e.getValue().getLayer())).map(Map.Entry::getKey).toList();
    }

    /**
     * Views of the parameters of the frozen layers, in the network's flat parameter vector: what
     * must come out of a round exactly as it went in.
     */
    public static List<INDArray> frozenParameters(Network network) {
        return frozenSlices(network, network.params());
    }

    /**
     * Views of the entries of the frozen layers in the network's flat gradient: zero by
     * construction, and set to zero before every update so that no step can move a frozen layer.
     */
    public static List<INDArray> frozenGradients(Network network) {
        return frozenSlices(network, network.gradientView());
    }

    /** The slices of a flat vector laid out as the parameters that belong to frozen layers. */
    private static List<INDArray> frozenSlices(Network network, INDArray flat) {
        List<INDArray> views = new ArrayList<>();
        long offset = 0;
        for (Layer layer : network.layers()) {
            long size = layer.numParams();
            if (layer instanceof org.deeplearning4j.nn.layers.FrozenLayer && size > 0) {
                views.add(flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(offset, offset + size)));
            }
            offset += size;
        }
        return views;
    }

    /** The layer names of the network's layers, in {@link Network#layers()} order. */
    public static List<String> layerNames(Network network) {
        return java.util.Arrays.stream(network.layers()).map(l -> l.conf().getLayer().getLayerName()).toList();
    }

    private static boolean isFrozen(org.deeplearning4j.nn.conf.layers.Layer layer) {
        return layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop;
    }

    /** The layer a frozen wrapper holds, or the layer itself. */
    static org.deeplearning4j.nn.conf.layers.Layer unfrozen(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer instanceof FrozenLayer frozen) {
            return unfrozen(frozen.getLayer());
        }
        if (layer instanceof FrozenLayerWithBackprop frozen) {
            return unfrozen(frozen.getUnderlying());
        }
        return layer;
    }

    /** The layer named by {@code spec} (an index or a name) and, for a graph, every layer it reads from. */
    private static Set<String> frozenSet(Network source, NetworkConfiguration configuration, String spec) {
        List<String> names = layerNames(source);
        String name = resolve(names, spec);
        if (configuration instanceof NetworkConfiguration.Layers) {
            return new LinkedHashSet<>(names.subList(0, names.indexOf(name) + 1));
        }
        ComputationGraphConfiguration graph = ((NetworkConfiguration.Graph) configuration).conf();
        Set<String> ancestors = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(name));
        while (!pending.isEmpty()) {
            String vertex = pending.pop();
            if (ancestors.add(vertex)) {
                pending.addAll(graph.getVertexInputs().getOrDefault(vertex, List.of()));
            }
        }
        ancestors.retainAll(names);
        return ancestors;
    }

    private static String resolve(List<String> names, String spec) {
        if (spec.matches("\\d+")) {
            int index = Integer.parseInt(spec);
            if (index < names.size()) {
                return names.get(index);
            }
        } else if (names.contains(spec)) {
            return spec;
        }
        throw new IllegalArgumentException("--freeze-up-to " + spec + ": the init model has no such layer; its layers are "
                + IntStream.range(0, names.size()).mapToObj(i -> i + " " + names.get(i)).collect(Collectors.joining(", ")));
    }

    private static String outputName(NetworkConfiguration configuration) {
        if (configuration instanceof NetworkConfiguration.Graph graph) {
            return graph.conf().getNetworkOutputs().get(0);
        }
        MultiLayerConfiguration conf = ((NetworkConfiguration.Layers) configuration).conf();
        return conf.getConf(conf.getConfs().size() - 1).getLayer().getLayerName();
    }

    /**
     * Every layer's configuration by layer name, in network order; the values are the
     * configuration's own. A graph's layers come in {@code order}, its network's layer order.
     */
    private static Map<String, NeuralNetConfiguration> layerConfs(NetworkConfiguration configuration, List<String> order) {
        Map<String, NeuralNetConfiguration> confs = new java.util.LinkedHashMap<>();
        if (configuration instanceof NetworkConfiguration.Layers layers) {
            MultiLayerConfiguration conf = layers.conf();
            for (int i = 0; i < conf.getConfs().size(); i++) {
                org.deeplearning4j.nn.conf.layers.Layer layer = conf.getConf(i).getLayer();
                if (layer.getLayerName() == null) {
                    layer.setLayerName("layer" + i);
                }
                confs.put(layer.getLayerName(), conf.getConf(i));
            }
            return confs;
        }
        ComputationGraphConfiguration graph = ((NetworkConfiguration.Graph) configuration).conf();
        for (String name : order) {
            if (graph.getVertices().get(name) instanceof LayerVertex vertex) {
                confs.put(name, vertex.getLayerConf());
            }
        }
        return confs;
    }

    private static void replaceHead(NeuralNetConfiguration conf, String name, int width) {
        if (!(unfrozen(conf.getLayer()) instanceof BaseOutputLayer output)) {
            throw new IllegalArgumentException("--replace-head: the init model ends in " + name + " ("
                    + conf.getLayer().getClass().getSimpleName() + "), not an output layer with weights to replace");
        }
        output.setNOut(width);
    }

    private static void resetCounts(NetworkConfiguration configuration) {
        if (configuration instanceof NetworkConfiguration.Layers layers) {
            layers.conf().setIterationCount(0);
            layers.conf().setEpochCount(0);
        } else if (configuration instanceof NetworkConfiguration.Graph graph) {
            graph.conf().setIterationCount(0);
            graph.conf().setEpochCount(0);
        }
    }

    /** Copies every layer's parameters from {@code source} by layer name, except {@code fresh}'s. */
    private static void copyParameters(Network source, Network target, Optional<String> fresh) {
        Layer[] from = source.layers();
        Layer[] to = target.layers();
        List<String> names = layerNames(target);
        List<String> sourceNames = layerNames(source);
        for (int i = 0; i < to.length; i++) {
            String name = names.get(i);
            if (fresh.filter(name::equals).isPresent() || to[i].numParams() == 0) {
                continue;
            }
            INDArray parameters = from[sourceNames.indexOf(name)].params();
            to[i].params().assign(parameters);
        }
    }
}
