package io.sparkdp.models.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * How one sparkdp minibatch, a {@code DataSet} of one features array and one labels array, feeds a
 * {@code ComputationGraph} of any number of inputs and outputs, by columns, as DL4J's
 * {@code RecordReaderMultiDataSetIterator} feeds column ranges:
 * <ul>
 *   <li><b>Inputs.</b> One input reads the whole features. Several inputs each read their own
 *   columns, in the order the graph declares its inputs, as many as the layer that reads the input
 *   takes ({@code nIn}, an image's pixels, or per time step of a sequence, along dimension 1).</li>
 *   <li><b>Outputs.</b> One output learns the labels. Several outputs of one width, wider than 1,
 *   are heads of one task: each learns the whole labels (auxiliary classifiers, deep supervision),
 *   and the first one predicts. Outputs of different widths, or all 1 wide, cut the labels into
 *   their columns in the declared order (several regression targets), and the prediction is their
 *   outputs side by side.</li>
 *   <li><b>Masks.</b> A sequence's features mask goes to every input, its labels mask to every
 *   output.</li>
 * </ul>
 *
 * @param inputs  the graph's inputs, in its declared order
 * @param outputs the graph's outputs, in its declared order
 */
public record GraphFeed(List<Port> inputs, List<Port> outputs) {
    /**
     * An input or output of the graph.
     *
     * @param name      its name in the graph
     * @param flatWidth values per flat example it reads or predicts; 0 where the graph does not say
     * @param stepWidth values per time step of a sequence; 0 where the graph does not say
     */
    public record Port(String name, long flatWidth, long stepWidth) {
        long width(int rank) {
            return rank == 3 ? stepWidth : flatWidth;
        }

        @Override
        public String toString() {
            return name + " (" + (flatWidth > 0 ? flatWidth : stepWidth > 0 ? stepWidth + " per step" : "width unknown") + ")";
        }
    }

    public GraphFeed {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("a graph needs at least one input and one output");
        }
    }

    /** The feed of {@code conf}: each input as wide as the layer that reads it, each output as its layer's {@code nOut}. */
    public static GraphFeed of(ComputationGraphConfiguration conf) {
        List<Port> inputs = new ArrayList<>();
        for (String input : conf.getNetworkInputs()) {
            inputs.add(new Port(input, width(conf, input, false), width(conf, input, true)));
        }
        List<Port> outputs = new ArrayList<>();
        for (String output : conf.getNetworkOutputs()) {
            long width = conf.getVertices().get(output) instanceof LayerVertex vertex
                    && vertex.getLayerConf().getLayer() instanceof FeedForwardLayer layer ? Math.max(layer.getNOut(), 0) : 0;
            outputs.add(new Port(output, width, width));
        }
        return new GraphFeed(inputs, outputs);
    }

    private static long width(ComputationGraphConfiguration conf, String input, boolean perStep) {
        try {
            NetworkConfiguration.FirstLayer first = NetworkConfiguration.Graph.firstLayer(conf, input);
            return perStep ? first.stepSize() : first.inputSize();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /**
     * Fails unless a minibatch can feed the graph: with several inputs, every input must feed one
     * layer that says how wide it is, in examples or in time steps.
     */
    public void checkFeedable() {
        if (inputs.size() > 1) {
            for (Port input : inputs) {
                if (input.flatWidth() == 0 && input.stepWidth() == 0) {
                    throw new IllegalArgumentException("the graph's input '" + input.name() + "' does not feed exactly one"
                            + " layer of a known input width (nIn, or setInputTypes); sparkdp cuts each of several inputs'"
                            + " columns from the features, so it must know how many each reads");
                }
            }
        }
    }

    /** Values per flat example of all inputs together. */
    public long inputSize() {
        return total(inputs, 2, "values per example");
    }

    /** Values per time step of all inputs together. */
    public long stepSize() {
        return total(inputs, 3, "features per time step");
    }

    private static long total(List<Port> ports, int rank, String what) {
        long total = 0;
        for (Port port : ports) {
            if (port.width(rank) == 0) {
                throw new IllegalArgumentException("the graph's input '" + port.name() + "' does not say how many " + what
                        + " it reads");
            }
            total += port.width(rank);
        }
        return total;
    }

    /** Whether the outputs are heads of one task, each learning the whole labels; otherwise each learns its own columns. */
    public boolean sharedLabels() {
        long first = outputs.get(0).flatWidth();
        return outputs.size() == 1 || first > 1 && outputs.stream().allMatch(output -> output.flatWidth() == first);
    }

    /** Width of the prediction: the first output's, or for outputs that cut the labels, all of theirs together. */
    public long predictionWidth() {
        return sharedLabels() ? outputs.get(0).flatWidth() : outputs.stream().mapToLong(Port::flatWidth).sum();
    }

    /** {@code batch} as the graph's inputs, labels and masks. */
    public MultiDataSet of(DataSet batch) {
        return new MultiDataSet(inputs(batch.getFeatures()), labels(batch.getLabels()), inputMasks(batch.getFeaturesMaskArray()),
                labelMasks(batch.getLabelsMaskArray()));
    }

    /** The graph's inputs: the features, or for several inputs each one's columns of them. */
    public INDArray[] inputs(INDArray features) {
        return inputs.size() == 1 ? new INDArray[] {features} : cut(features, inputs, "inputs", "features");
    }

    /** The labels each output learns: the labels themselves, or each output's columns of them. */
    public INDArray[] labels(INDArray labels) {
        if (sharedLabels()) {
            return Collections.nCopies(outputs.size(), labels).toArray(INDArray[]::new);
        }
        return cut(labels, outputs, "outputs", "label values");
    }

    /** The features mask for every input; none for no mask (DL4J's convention). */
    public INDArray[] inputMasks(INDArray mask) {
        return mask == null ? null : Collections.nCopies(inputs.size(), mask).toArray(INDArray[]::new);
    }

    /** The labels mask for every output; none for no mask (DL4J's convention). */
    public INDArray[] labelMasks(INDArray mask) {
        return mask == null ? null : Collections.nCopies(outputs.size(), mask).toArray(INDArray[]::new);
    }

    /** The prediction of the graph's {@code outputs}: the first one, or all of them side by side where they cut the labels. */
    public INDArray prediction(INDArray[] outputs) {
        return sharedLabels() || outputs.length == 1 ? outputs[0] : Nd4j.concat(1, outputs);
    }

    private static INDArray[] cut(INDArray array, List<Port> ports, String role, String what) {
        int rank = array.rank();
        long total = ports.stream().mapToLong(port -> port.width(rank)).sum();
        if (ports.stream().anyMatch(port -> port.width(rank) == 0) || total != array.size(1)) {
            throw new IllegalArgumentException("the graph's " + role + " " + ports.stream().map(Port::toString)
                    .collect(Collectors.joining(", ", "[", "]")) + " take " + total + " " + what + (rank == 3 ? " per step" : "")
                    + " together, but the data has " + array.size(1));
        }
        INDArray[] parts = new INDArray[ports.size()];
        long from = 0;
        for (int i = 0; i < parts.length; i++) {
            long width = ports.get(i).width(rank);
            INDArrayIndex[] index = new INDArrayIndex[rank];
            Arrays.fill(index, NDArrayIndex.all());
            index[1] = NDArrayIndex.interval(from, from + width);
            parts[i] = array.get(index).dup();
            from += width;
        }
        return parts;
    }
}
