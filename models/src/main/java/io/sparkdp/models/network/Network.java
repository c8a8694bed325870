package io.sparkdp.models.network;

import io.sparkdp.models.GradientClipping;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A DL4J network of either kind, as sparkdp trains it on minibatches of one features array and one
 * labels array: a multi-layer network; a computation graph, whose several inputs and outputs are
 * fed by columns ({@link GraphFeed}); or a graph that feeds itself from the minibatch (seq2seq,
 * Siamese: {@link GraphKind}). Every implementation keeps its parameters, gradients and optimizer state as flat
 * views in a fixed order, which is what crosses the wire.
 * <p>
 * Lifecycle: built initialised ({@link NetworkConfiguration#build()}, {@link #of}); then any
 * number of {@link #computeGradientAndScore}, {@link #fit}, {@link #applyGradient} and
 * {@link #output} calls, each on the calling thread only.
 */
public sealed interface Network permits LayeredNetwork, GraphNetwork, Seq2SeqNetwork, SiameseNetwork, GanNetwork {
    /** A multi-layer network, which must be initialised. */
    static Network of(MultiLayerNetwork network) {
        return new LayeredNetwork(network);
    }

    /**
     * A computation graph, which must be initialised, as the network its {@link GraphKind} says: a
     * seq2seq graph ({@link Seq2SeqNetwork}), a Siamese graph ({@link SiameseNetwork}), or any other
     * graph, of any number of inputs and outputs, fed by columns ({@link GraphNetwork}, {@link GraphFeed}).
     */
    static Network of(ComputationGraph graph) {
        return GraphKind.of(graph.getConfiguration()).wrap(graph);
    }

    /** The DL4J model itself, for {@code ModelSerializer} and listeners. */
    Model model();

    /** Its configuration: kind and JSON, from which executors rebuild the same network. */
    NetworkConfiguration configuration();

    /** The floating-point type of parameters and activations. */
    DataType dataType();

    /** The flat parameter view; writing to it changes the network. */
    INDArray params();

    long numParams();

    /** The flat optimizer-state view; empty for an optimizer that keeps none (plain SGD). */
    Optional<INDArray> updaterState();

    /** The flat gradient view, created if the network has not computed one yet. */
    INDArray gradientView();

    /** Optimizer steps taken. */
    int iteration();

    /** Epochs completed. */
    int epoch();

    /** Counts one more epoch completed, in the network and every layer. */
    void incrementEpochCount();

    /** Sets the step and epoch counters of the network and of every layer, as DL4J's fit keeps them. */
    void setCounts(int iteration, int epoch);

    /**
     * Computes the gradient of {@code batch} at the current parameters into {@link #gradientView()}
     * (the sum over examples, except for {@link #stateEntries()}) and returns the mean loss.
     */
    double computeGradientAndScore(DataSet batch);

    /** One optimizer step of DL4J's own {@code fit} on {@code batch}; returns the mean loss before the step. */
    double fit(DataSet batch);

    /**
     * The phases of one training step, each of which updates one part of a model of several
     * networks ({@link GanNetwork}: the discriminator, then the generator), in this fixed order;
     * 1 for a network trained by one gradient. Strategies run every phase of a step before the next
     * step, each phase's gradient computed at the parameters the phases before it left.
     */
    default int phases() {
        return 1;
    }

    /**
     * {@link #computeGradientAndScore(DataSet)} of phase {@code phase}: the gradient of the part
     * that phase trains, zero elsewhere; its mean loss.
     */
    default double computeGradientAndScore(DataSet batch, int phase) {
        onlyPhase(phase);
        return computeGradientAndScore(batch);
    }

    /** {@link #fit(DataSet)} of phase {@code phase} alone: one optimizer step of the part it trains. */
    default double fit(DataSet batch, int phase) {
        onlyPhase(phase);
        return fit(batch);
    }

    /** {@link #applyGradient(INDArray, long, GradientClipping)} of phase {@code phase}: its part's optimizer only. */
    default void applyGradient(INDArray gradientSum, long examples, GradientClipping clipping, int phase) {
        onlyPhase(phase);
        applyGradient(gradientSum, examples, clipping);
    }

    private void onlyPhase(int phase) {
        if (phase != 0) {
            throw new IllegalArgumentException("this network trains in one phase, 0, not " + phase);
        }
    }

    /**
     * The examples and labels evaluation measures for {@code batch}, whose outputs {@link #output(DataSet)}
     * gives: the batch itself, except for a {@link GanNetwork}, whose discriminator is measured on
     * real and generated images.
     */
    default DataSet evaluationBatch(DataSet batch) {
        return batch;
    }

    /** The output for {@code features}, in inference mode. */
    INDArray output(INDArray features);

    /** The output for {@code batch}'s features, in inference mode, under its masks (padded sequences) if it has any. */
    INDArray output(DataSet batch);

    /** The loss of each example, without regularization. */
    INDArray scoreExamples(DataSet batch);

    /** The regularization penalty of the current parameters (L1, L2, weight decay). */
    double regularizationScore();

    /**
     * Runs the network's updater over {@link #gradientView()}, which holds a gradient summed over
     * {@code batchSize} examples, exactly as {@code fit} runs it: division by the batch size,
     * gradient normalisation, regularisation and the optimizer leave the step in the view.
     */
    void runUpdater(int iteration, int epoch, int batchSize);

    /**
     * Views of the gradient entries that are no gradient but a layer's new running statistics
     * (batch normalisation's mean and variance): DL4J does not divide them by the batch size, so
     * they must be averaged, not summed, across workers.
     */
    default List<INDArray> stateEntries() {
        gradientView();
        return GradientViews.stateEntries(layers());
    }

    /** The layers in the order of the flat views. */
    Layer[] layers();

    /** The configuration of the output layer. */
    org.deeplearning4j.nn.conf.layers.Layer outputLayer();

    /** Width of the output: the classes predicted. */
    long outputSize();

    /** Replaces the training listeners. */
    void setListeners(List<TrainingListener> listeners);

    /** Releases the activations and inputs the network holds from its last pass. */
    void clear();

    /** A deep copy with parameters, optimizer state and counters. */
    Network copy();

    /** Applies constraints after a step, as {@code fit} does. */
    default void applyConstraints(int iteration, int epoch) {
        model().applyConstraints(iteration, epoch);
    }

    /**
     * Applies a summed gradient exactly as DL4J's own {@code fit} applies the gradient of one
     * minibatch: the updater turns it into a step, the step is subtracted from the parameters,
     * the iteration count advances and constraints are applied. The {@link #stateEntries()} of
     * the sum are divided by {@code examples} first, and the entries of frozen layers are zeroed, which makes their example-weighted sum a
     * mean: with one worker, exactly the single-machine value.
     *
     * @param gradientSum sum of per-example gradients over the global minibatch; the state entries
     *                    hold the sum of each part's value weighed by that part's examples
     * @param examples    size of the global minibatch
     */
    default void applyGradient(INDArray gradientSum, long examples) {
        applyGradient(gradientSum, examples, GradientClipping.none());
    }

    /**
     * {@link #applyGradient(INDArray, long)}, clipping the gradient of the trained layers first
     * as {@code clipping} says: frozen layers' zeroed entries and the {@link #stateEntries()}
     * (running statistics, which are no gradient) stay out of the norm and are not clipped.
     */
    default void applyGradient(INDArray gradientSum, long examples, GradientClipping clipping) {
        INDArray view = gradientView();
        if (view.length() != gradientSum.length()) {
            throw new IllegalArgumentException("gradient of length " + gradientSum.length() + " does not fit a network of "
                    + view.length() + " parameters");
        }
        view.assign(gradientSum.reshape(view.shape()));
        Transfer.frozenGradients(this).forEach(frozen -> frozen.assign(0));
        clipping.clipSum(view, examples, stateEntries());
        stateEntries().forEach(entry -> entry.divi(examples));
        int iteration = iteration();
        int epoch = epoch();
        runUpdater(iteration, epoch, Math.toIntExact(examples));
        params().subi(view);
        setCounts(iteration + 1, epoch);
        applyConstraints(iteration + 1, epoch);
    }

    /**
     * The learning rate of the first layer with an optimizer, at the current step and epoch; NaN
     * for a network with no trainable layer. sparkdp gives every layer the same one.
     */
    default double learningRate() {
        for (Layer layer : layers()) {
            if (layer.conf().getLayer() instanceof BaseLayer base && base.getIUpdater() != null) {
                return base.getIUpdater().getLearningRate(iteration(), epoch());
            }
        }
        return Double.NaN;
    }

    /**
     * This network as a {@code MultiLayerNetwork}, for code that reads only those.
     *
     * @throws IllegalStateException for a computation graph
     */
    MultiLayerNetwork asMultiLayer();
}
