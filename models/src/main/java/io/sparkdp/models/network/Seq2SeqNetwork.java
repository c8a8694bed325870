package io.sparkdp.models.network;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An LSTM encoder-decoder (sequence to sequence) as a {@link Network}: a DL4J {@code
 * ComputationGraph} of two inputs, the source sequence ({@value #SOURCE}) and the decoder's input
 * ({@value #DECODER_INPUT}), in DL4J's classic shape: encoder LSTMs, the last one read at each
 * source's last real step ({@code LastTimeStepVertex}, vertex {@value #THOUGHT}), that vector
 * repeated at every target step ({@code DuplicateToTimeSeriesVertex}) and merged with the decoder
 * input, decoder LSTMs, and a softmax over the target vocabulary at every step ({@value #OUTPUT}).
 * <p>
 * sparkdp's minibatches stay one {@code DataSet}: features are the source under the features mask,
 * labels the target sequence (one-hot, {@code [examples, vocabulary, target steps]}) under a labels
 * mask of its own, so a target's length is independent of its source's; the data ends every target
 * with an end of sequence token (the last class), so greedy decoding learns where to stop. The
 * decoder input is made here from the labels, by teacher forcing: a start token (one more column,
 * index {@code vocabulary}) at step 0, then the target shifted by one step. So training
 * ({@link #computeGradientAndScore}, {@link #fit}) and {@link #scoreExamples} see the true previous
 * token; {@link #output} sees only its own: it decodes greedily ({@link GreedyDecoder}), feeding
 * each step's most probable token back, so evaluation measures what prediction does.
 * <p>
 * Parameters, gradients and optimizer state are the graph's flat views, exactly as for any graph
 * ({@link GraphNetwork}, which this delegates them to), so both strategies, checkpoints and resume
 * work unchanged. A graph is recognised as a seq2seq graph by its inputs' names ({@link #isSeq2Seq}),
 * which its configuration JSON and every model zip carry.
 */
public final class Seq2SeqNetwork implements Network {
    /** The graph's first input: the source sequence. */
    public static final String SOURCE = "seq2seq-source";
    /** The graph's second input: the decoder's input (start token, then the previous target token). */
    public static final String DECODER_INPUT = "seq2seq-decoder-input";
    /** The vertex that reads the encoder's last real step: the vector the decoder is conditioned on. */
    public static final String THOUGHT = "seq2seq-thought";
    /** The vertex that merges the decoder input with the repeated thought vector. */
    public static final String DECODER_MERGE = "seq2seq-decoder-merge";
    /** The output layer: a distribution over the target vocabulary at every step. */
    public static final String OUTPUT = "seq2seq-output";

    private final ComputationGraph graph;
    private final GraphNetwork views;

    Seq2SeqNetwork(ComputationGraph graph) {
        if (!isSeq2Seq(graph.getConfiguration())) {
            throw new IllegalArgumentException("not a seq2seq graph: its inputs must be " + List.of(SOURCE, DECODER_INPUT)
                    + " and its output " + OUTPUT + "; it has " + graph.getConfiguration().getNetworkInputs() + " and "
                    + graph.getConfiguration().getNetworkOutputs());
        }
        this.graph = graph;
        this.views = new GraphNetwork(graph);
    }

    /** Whether {@code conf} is a seq2seq graph: inputs {@value #SOURCE} and {@value #DECODER_INPUT}, output {@value #OUTPUT}. */
    public static boolean isSeq2Seq(ComputationGraphConfiguration conf) {
        return conf.getNetworkInputs().equals(List.of(SOURCE, DECODER_INPUT)) && conf.getNetworkOutputs().equals(List.of(OUTPUT))
                && conf.getVertices().containsKey(THOUGHT) && conf.getVertices().containsKey(DECODER_MERGE);
    }

    /**
     * The teacher-forced decoder input of {@code labels} ({@code [examples, vocabulary, steps]},
     * one-hot): the start token (column {@code vocabulary}) at step 0, the label of step
     * {@code t - 1} at step {@code t}.
     */
    public static INDArray teacherForced(INDArray labels) {
        long examples = labels.size(0);
        long vocabulary = labels.size(1);
        long steps = labels.size(2);
        INDArray input = Nd4j.zeros(labels.dataType(), examples, vocabulary + 1, steps);
        input.get(NDArrayIndex.all(), NDArrayIndex.point(vocabulary), NDArrayIndex.point(0)).assign(1);
        if (steps > 1) {
            input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, vocabulary), NDArrayIndex.interval(1, steps))
                    .assign(labels.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, steps - 1)));
        }
        return input;
    }

    /** {@code batch} as the graph trains on it: source and teacher-forced decoder input, the decoder under the labels mask. */
    static MultiDataSet teacherForced(DataSet batch) {
        INDArray labelsMask = batch.getLabelsMaskArray();
        INDArray featuresMask = batch.getFeaturesMaskArray();
        INDArray[] featureMasks = featuresMask == null && labelsMask == null ? null : new INDArray[] {featuresMask, labelsMask};
        return new MultiDataSet(new INDArray[] {batch.getFeatures(), teacherForced(batch.getLabels())},
                new INDArray[] {batch.getLabels()}, featureMasks, labelsMask == null ? null : new INDArray[] {labelsMask});
    }

    private static void requireLabels(DataSet batch) {
        if (batch.getLabels() == null || batch.getLabels().rank() != 3) {
            throw new IllegalArgumentException("a seq2seq model trains on target sequences: labels [examples, vocabulary,"
                    + " steps], a class per time step");
        }
    }

    @Override
    public double computeGradientAndScore(DataSet batch) {
        requireLabels(batch);
        return views.computeGradientAndScore(teacherForced(batch));
    }

    @Override
    public double fit(DataSet batch) {
        requireLabels(batch);
        graph.fit(teacherForced(batch));
        return graph.score();
    }

    /** Greedy decoding of as many steps as the source has, stopping once every sequence has ended. */
    @Override
    public INDArray output(INDArray features) {
        return new GreedyDecoder(graph).decode(features, null, features.size(2), 0);
    }

    /**
     * Greedy decoding of as many steps as the labels have (the source's where there are none), under
     * the source's mask. A decoded sequence is its tokens up to its first end of sequence: compared
     * with a target under the labels mask, which covers the target's end token, it is right exactly
     * when it has the target's tokens and stops where the target does. Decoding stops once every
     * sequence has ended, but not before the batch's longest real target, so every step under the
     * labels mask is what decoding to the padded length gives.
     */
    @Override
    public INDArray output(DataSet batch) {
        INDArray features = batch.getFeatures();
        boolean labelled = batch.getLabels() != null && batch.getLabels().rank() == 3;
        long steps = labelled ? batch.getLabels().size(2) : features.size(2);
        return new GreedyDecoder(graph).decode(features, batch.getFeaturesMaskArray(), steps,
                labelled ? longestTarget(batch, steps) : 0);
    }

    /**
     * Greedy decoding of up to {@code steps} steps of each source of {@code features} under
     * {@code mask} (null for sources of full length), as prediction has no target to read its
     * length from: it stops once every sequence has emitted its end of sequence, the steps after
     * that holding the end token. {@code [examples, vocabulary, steps]}, the softmax of each step.
     */
    public INDArray decode(INDArray features, INDArray mask, long steps) {
        return new GreedyDecoder(graph).decode(features, mask, steps, 0);
    }

    /** The steps of the batch's longest real target: the last step any example's labels mask covers. */
    private static long longestTarget(DataSet batch, long steps) {
        INDArray mask = batch.getLabelsMaskArray();
        if (mask == null) {
            return steps;
        }
        double[] covered = mask.castTo(DataType.DOUBLE).reshape(mask.size(0), steps).max(0).toDoubleVector();
        long longest = 0;
        for (int t = 0; t < covered.length; t++) {
            longest = covered[t] != 0 ? t + 1 : longest;
        }
        return longest;
    }

    /**
     * Each example's loss summed over its real target steps, with teacher forcing (as training
     * measures it). DL4J 1.0.0-M2's graph {@code scoreExamples} detaches a masked per-step score
     * from a workspace it has already closed, so it runs here without inference workspaces.
     */
    @Override
    public INDArray scoreExamples(DataSet batch) {
        requireLabels(batch);
        ComputationGraphConfiguration conf = graph.getConfiguration();
        WorkspaceMode mode = conf.getInferenceWorkspaceMode();
        conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        try {
            return graph.scoreExamples(teacherForced(batch), false);
        } finally {
            conf.setInferenceWorkspaceMode(mode);
        }
    }

    @Override
    public Model model() {
        return graph;
    }

    @Override
    public NetworkConfiguration configuration() {
        return NetworkConfiguration.of(graph.getConfiguration());
    }

    @Override
    public DataType dataType() {
        return views.dataType();
    }

    @Override
    public INDArray params() {
        return views.params();
    }

    @Override
    public long numParams() {
        return views.numParams();
    }

    @Override
    public Optional<INDArray> updaterState() {
        return views.updaterState();
    }

    @Override
    public INDArray gradientView() {
        return views.gradientView();
    }

    @Override
    public int iteration() {
        return views.iteration();
    }

    @Override
    public int epoch() {
        return views.epoch();
    }

    @Override
    public void incrementEpochCount() {
        views.incrementEpochCount();
    }

    @Override
    public void setCounts(int iteration, int epoch) {
        views.setCounts(iteration, epoch);
    }

    @Override
    public double regularizationScore() {
        return views.regularizationScore();
    }

    @Override
    public void runUpdater(int iteration, int epoch, int batchSize) {
        views.runUpdater(iteration, epoch, batchSize);
    }

    @Override
    public Layer[] layers() {
        return views.layers();
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer outputLayer() {
        return views.outputLayer();
    }

    /** The target vocabulary: the classes of each step. */
    @Override
    public long outputSize() {
        return views.outputSize();
    }

    @Override
    public void setListeners(List<TrainingListener> listeners) {
        views.setListeners(listeners);
    }

    @Override
    public void clear() {
        graph.rnnClearPreviousState();
        views.clear();
    }

    @Override
    public Network copy() {
        return new Seq2SeqNetwork(graph.clone());
    }

    @Override
    public MultiLayerNetwork asMultiLayer() {
        throw new IllegalStateException("this model is a seq2seq ComputationGraph, not a MultiLayerNetwork; read it through Network");
    }

    /** The graph itself. */
    public ComputationGraph graph() {
        return graph;
    }
}
