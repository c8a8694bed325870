package io.sparkdp.models.network;

import io.sparkdp.models.ContrastiveLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.L2Vertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Siamese network as a {@link Network}: a DL4J {@code ComputationGraph} of two inputs,
 * {@value #LEFT} and {@value #RIGHT}, each read by its own branch of layers ({@code left_<name>} and
 * {@code right_<name>}, alike), joined by the Euclidean distance of their embeddings
 * ({@code L2Vertex} {@value #DISTANCE}) and trained with the {@link ContrastiveLoss} (a
 * {@code LossLayer} {@value #LOSS}).
 * <p>
 * It trains on ordinary labelled minibatches: each example is paired inside its minibatch with a
 * partner of its own class or of another ({@link Pairs}), drawn from ND4J's random stream, which
 * every worker reseeds from the run seed before each step, so the pairs are reproducible.
 * <p>
 * DL4J cannot share a layer between two branches, so this class ties the twins itself. Wrapping a
 * graph gives each right layer its left twin's parameters; every gradient it computes is the
 * gradient of the shared encoder, the sum of both branches' gradients, written to both. Both
 * branches then receive the same gradient, the same optimizer step from the same optimizer state,
 * and the same averages: the flat views every strategy moves ({@link #params()},
 * {@link #gradientView()}, {@link #updaterState()}) stay DL4J's own, and the twins stay equal
 * element for element however the strategies sum, average and update them.
 * <p>
 * Its {@link #output} is each example's embedding (the left branch's); its evaluation is
 * {@link #scorePairs}, the distances of pairs formed from a fixed seed.
 */
public final class SiameseNetwork implements Network {
    /** The input the left branch reads. */
    public static final String LEFT = "left";
    /** The input the right branch reads. */
    public static final String RIGHT = "right";
    /** The vertex that measures the distance between the two embeddings. */
    public static final String DISTANCE = "distance";
    /** The loss layer, the graph's one output. */
    public static final String LOSS = "contrastive";
    /** Names the evaluation pairs' stream among the seeds of the network's configuration. */
    private static final long EVALUATION_PAIRS = 0x7061697273L;

    private final ComputationGraph graph;
    private final GraphNetwork delegate;
    private final List<Twin> twins;

    /** A layer of the left branch and its twin in the right one. */
    private record Twin(Layer left, Layer right) {
    }

    SiameseNetwork(ComputationGraph graph) {
        if (!isSiamese(graph.getConfiguration())) {
            throw new IllegalArgumentException("not a Siamese graph: it needs inputs [left, right], an L2Vertex '"
                    + DISTANCE + "' and the one output '" + LOSS + "'");
        }
        this.delegate = new GraphNetwork(graph);
        this.graph = graph;
        this.twins = twins(graph);
        tieParameters();
    }

    /** Whether {@code conf} is a Siamese graph as sparkdp builds one, which trains as this class says. */
    static boolean isSiamese(ComputationGraphConfiguration conf) {
        return conf.getNetworkInputs().equals(List.of(LEFT, RIGHT)) && conf.getNetworkOutputs().equals(List.of(LOSS))
                && conf.getVertices().get(DISTANCE) instanceof L2Vertex
                && conf.getVertices().get(LOSS) instanceof LayerVertex loss
                && loss.getLayerConf().getLayer() instanceof LossLayer layer
                && layer.getLossFn() instanceof ContrastiveLoss;
    }

    private static List<Twin> twins(ComputationGraph graph) {
        List<Twin> twins = new ArrayList<>();
        for (Layer layer : graph.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            if (name.startsWith(LEFT + "_")) {
                Layer right = graph.getLayer(RIGHT + name.substring(LEFT.length()));
                if (right == null || right.numParams() != layer.numParams()) {
                    throw new IllegalArgumentException("layer " + name + " of the left branch has no twin of as many"
                            + " parameters in the right branch");
                }
                twins.add(new Twin(layer, right));
            }
        }
        return twins;
    }

    /** Gives every layer of the right branch its left twin's parameters. */
    private void tieParameters() {
        for (Twin twin : twins) {
            if (twin.left().numParams() > 0) {
                twin.right().params().assign(twin.left().params());
            }
        }
    }

    /** Makes the gradient of each twin the sum of both: the gradient of the one encoder they share. */
    private void tieGradients() {
        for (Twin twin : twins) {
            INDArray left = twin.left().getGradientsViewArray();
            if (left != null && twin.left().numParams() > 0) {
                INDArray right = twin.right().getGradientsViewArray();
                left.addi(right);
                right.assign(left);
            }
        }
    }

    /**
     * The largest difference between a parameter of the left branch and its twin's in the right
     * one: 0 while the weights are shared, as they must be after every step and every averaging.
     */
    public double twinDifference() {
        double most = 0;
        for (Twin twin : twins) {
            if (twin.left().numParams() > 0) {
                most = Math.max(most, twin.left().params().castTo(DataType.DOUBLE)
                        .sub(twin.right().params().castTo(DataType.DOUBLE)).amaxNumber().doubleValue());
            }
        }
        return most;
    }

    /** The parameters of the left branch's layers: the shared encoder's. */
    public List<INDArray> encoderParams() {
        return twins.stream().filter(t -> t.left().numParams() > 0).map(t -> t.left().params()).toList();
    }

    /** The parameters of the right branch's layers, twin for twin as {@link #encoderParams()}. */
    public List<INDArray> rightBranchParams() {
        return twins.stream().filter(t -> t.left().numParams() > 0).map(t -> t.right().params()).toList();
    }

    @Override
    public double computeGradientAndScore(DataSet batch) {
        PairBatch pairs = PairBatch.of(batch, Pairs.of(PairBatch.classes(batch), Nd4j.getRandom().nextLong()), dataType());
        double score = delegate.computeGradientAndScore(new MultiDataSet(new INDArray[] {pairs.left(), pairs.right()},
                new INDArray[] {pairs.same()}, pairs.masks(), null));
        tieGradients();
        return score;
    }

    /**
     * One step as the driver takes it, listeners (gradient clipping) between the gradient and the
     * update: DL4J's own {@code fit} would update the twins apart.
     */
    @Override
    public double fit(DataSet batch) {
        double score = computeGradientAndScore(batch);
        graph.getListeners().forEach(listener -> listener.onGradientCalculation(graph));
        applyGradient(gradientView(), batch.numExamples());
        return score;
    }

    /**
     * The distances of the pairs of {@code batch}'s examples formed from a seed of the network's
     * configuration, so that evaluation needs no randomness, and their losses.
     */
    public PairScores scorePairs(DataSet batch) {
        long seed = graph.getConfiguration().getDefaultConfiguration().getSeed() ^ EVALUATION_PAIRS;
        Pairs pairs = Pairs.of(PairBatch.classes(batch), seed);
        PairBatch inputs = PairBatch.of(batch, pairs, dataType());
        INDArray distances = graph.output(false, new INDArray[] {inputs.left(), inputs.right()}, inputs.masks())[0];
        INDArray losses = contrastiveLoss().pairLosses(inputs.same(), distances);
        graph.clearLayerMaskArrays();
        return new PairScores(distances.castTo(DataType.DOUBLE).toDoubleVector(), pairs.same(),
                losses.castTo(DataType.DOUBLE).toDoubleVector());
    }

    /**
     * What one batch of evaluation pairs measured.
     *
     * @param distances the distance between the embeddings of each pair
     * @param same      whether each pair is of one class
     * @param losses    each pair's contrastive loss, without regularization
     */
    public record PairScores(double[] distances, boolean[] same, double[] losses) {
    }

    private ContrastiveLoss contrastiveLoss() {
        return (ContrastiveLoss) ((LossLayer) delegate.outputLayer()).getLossFn();
    }

    /** The name of the left branch's last vertex, whose output is the embedding (normalised, where the model normalises it). */
    private String embedding() {
        return graph.getConfiguration().getVertexInputs().get(DISTANCE).get(0);
    }

    /** Each example's embedding. */
    @Override
    public INDArray output(INDArray features) {
        Map<String, INDArray> activations = graph.feedForward(new INDArray[] {features, features}, false, true);
        return activations.get(embedding());
    }

    /** Each example's embedding, under the batch's sequence masks if it has any. */
    @Override
    public INDArray output(DataSet batch) {
        INDArray mask = batch.getFeaturesMaskArray();
        graph.setLayerMaskArrays(mask == null ? null : new INDArray[] {mask, mask}, null);
        try {
            return output(batch.getFeatures());
        } finally {
            graph.clearLayerMaskArrays();
        }
    }

    /** The contrastive loss of each example paired as {@link #scorePairs} pairs it. */
    @Override
    public INDArray scoreExamples(DataSet batch) {
        return Nd4j.createFromArray(scorePairs(batch).losses()).reshape(-1, 1);
    }

    /** Width of the embedding. */
    @Override
    public long outputSize() {
        return graph.getConfiguration().getVertices().get(embedding()) instanceof LayerVertex ? graph.layerSize(embedding())
                : graph.layerSize(graph.getConfiguration().getVertexInputs().get(embedding()).get(0));
    }

    @Override
    public Network copy() {
        return new SiameseNetwork(graph.clone());
    }

    @Override
    public Model model() {
        return graph;
    }

    @Override
    public NetworkConfiguration configuration() {
        return delegate.configuration();
    }

    @Override
    public DataType dataType() {
        return delegate.dataType();
    }

    @Override
    public INDArray params() {
        return delegate.params();
    }

    @Override
    public long numParams() {
        return delegate.numParams();
    }

    @Override
    public Optional<INDArray> updaterState() {
        return delegate.updaterState();
    }

    @Override
    public INDArray gradientView() {
        return delegate.gradientView();
    }

    @Override
    public int iteration() {
        return delegate.iteration();
    }

    @Override
    public int epoch() {
        return delegate.epoch();
    }

    @Override
    public void incrementEpochCount() {
        delegate.incrementEpochCount();
    }

    @Override
    public void setCounts(int iteration, int epoch) {
        delegate.setCounts(iteration, epoch);
    }

    @Override
    public double regularizationScore() {
        return delegate.regularizationScore();
    }

    @Override
    public void runUpdater(int iteration, int epoch, int batchSize) {
        delegate.runUpdater(iteration, epoch, batchSize);
    }

    @Override
    public Layer[] layers() {
        return delegate.layers();
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer outputLayer() {
        return delegate.outputLayer();
    }

    @Override
    public void setListeners(List<TrainingListener> listeners) {
        delegate.setListeners(listeners);
    }

    @Override
    public void clear() {
        delegate.clear();
    }

    @Override
    public MultiLayerNetwork asMultiLayer() {
        throw new IllegalStateException("this model is a Siamese ComputationGraph, not a MultiLayerNetwork; read it through Network");
    }

    /** The graph itself. */
    public ComputationGraph graph() {
        return graph;
    }
}
