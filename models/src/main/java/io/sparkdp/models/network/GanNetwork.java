package io.sparkdp.models.network;

import io.sparkdp.models.GradientClipping;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A generative adversarial network as one {@link Network} of two parts trained in turn: a
 * generator {@code G} from noise {@code z ~ N(0, I)} to images, and a discriminator {@code D}
 * from images to the probability that they are real. One training step has two
 * {@link #phases()}, always in this order:
 * <ol>
 *   <li>{@link #DISCRIMINATOR}: {@code D}'s gradient of the binary cross-entropy on the batch's
 *       real images (label 1) and as many generated ones {@code G(z)} (label 0), averaged over
 *       both halves as DL4J's own {@code fit} of {@code D} on the {@code 2n} images averages it;
 *       {@code G} is left as it is;</li>
 *   <li>{@link #GENERATOR}: {@code G}'s gradient of the non-saturating loss
 *       {@code -log D(G(z))} on fresh noise, through the discriminator as the first phase left
 *       it; {@code D} is left as it is.</li>
 * </ol>
 * Each part has its own optimizer, and a phase runs only its part's.
 * <p>
 * Layout, the one simplification: the flat {@link #params()}, {@link #gradientView()} and
 * {@link #updaterState()} are the concatenations of the parts', generator first. The parameters
 * are those of the stacked network {@code D(G(z))}, which the parts' networks share as views, so
 * nothing is copied between them. A phase's gradient is zero outside its part. Averaging the
 * concatenation averages each part's parameters and optimizer state on its own, element by
 * element, which is what model averaging asks.
 * <p>
 * Noise comes from ND4J's random stream, which workers reseed before every phase from the run's
 * seed. Images are flat rows of {@code channels x height x width} values in [0, 1] (the
 * generator ends in a sigmoid), as the data pipeline scales pixels.
 */
public final class GanNetwork implements Network {
    /** The phase that updates the discriminator; it comes first. */
    public static final int DISCRIMINATOR = 0;
    /** The phase that updates the generator, through the discriminator as the first phase left it. */
    public static final int GENERATOR = 1;
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    private final NetworkConfiguration.Gan configuration;
    private final MultiLayerNetwork stack;
    private final MultiLayerNetwork generator;
    private final MultiLayerNetwork discriminator;
    private final long generatorParams;
    private final long generatorState;
    /** The two optimizers' states, generator's first; null for optimizers that keep none. */
    private final INDArray updaterState;
    private List<TrainingListener> listeners = List.of();

    /**
     * The GAN of {@code configuration} over {@code stack}'s parameters.
     *
     * @param stack        the stacked network {@code D(G(z))}, initialised; its parameters become the GAN's
     * @param updaterState both optimizers' states, generator's first; empty for a fresh (zero) state
     */
    GanNetwork(NetworkConfiguration.Gan configuration, MultiLayerNetwork stack, Optional<INDArray> updaterState) {
        if (stack.params() == null) {
            throw new IllegalArgumentException("the stacked network must be initialised before sparkdp trains it");
        }
        this.configuration = configuration;
        this.stack = stack;
        if (stack.getGradientsViewArray() == null) {
            stack.initGradientsView();
        }
        long split = 0;
        for (int i = 0; i < configuration.generatorLayers(); i++) {
            split += stack.getLayer(i).numParams();
        }
        this.generatorParams = split;
        this.generator = part(configuration.generator(), slice(stack.params(), 0, split));
        this.discriminator = part(configuration.discriminator(), slice(stack.params(), split, stack.numParams()));
        this.generatorState = stateSize(generator);
        long size = generatorState + stateSize(discriminator);
        if (updaterState.isPresent() && updaterState.get().length() != size) {
            throw new IllegalArgumentException("optimizer state of " + updaterState.get().length()
                    + " values does not fit a GAN whose optimizers keep " + size);
        }
        this.updaterState = size == 0 ? null
                : updaterState.map(s -> s.reshape(1, size)).orElseGet(() -> Nd4j.zeros(stack.params().dataType(), 1, size));
        useUpdaters();
        setCounts(stack.getIterationCount(), stack.getEpochCount());
    }

    /**
     * The GAN a model zip holds: {@code stack} with its parameters and counters, read back, cut as
     * {@code saved} (the saved configuration) says, with both optimizers' states.
     */
    public static GanNetwork restore(NetworkConfiguration.Gan saved, MultiLayerNetwork stack, Optional<INDArray> updaterState) {
        NetworkConfiguration.Gan configuration = new NetworkConfiguration.Gan(stack.getLayerWiseConfigurations(),
                saved.generatorLayers(), saved.image());
        return new GanNetwork(configuration, stack, updaterState);
    }

    private static MultiLayerNetwork part(org.deeplearning4j.nn.conf.MultiLayerConfiguration conf, INDArray params) {
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init(params, false);
        network.initGradientsView();
        return network;
    }

    private static long stateSize(MultiLayerNetwork part) {
        INDArray state = new MultiLayerUpdater(part).getStateViewArray();
        return state == null ? 0 : state.length();
    }

    /** Gives each part an optimizer over its slice of the shared state; DL4J's clear() drops them, so this runs again after it. */
    private void useUpdaters() {
        if (updaterState == null) {
            generator.setUpdater(new MultiLayerUpdater(generator, null));
            discriminator.setUpdater(new MultiLayerUpdater(discriminator, null));
            return;
        }
        generator.setUpdater(new MultiLayerUpdater(generator, slice(updaterState, 0, generatorState)));
        discriminator.setUpdater(new MultiLayerUpdater(discriminator, slice(updaterState, generatorState, updaterState.length())));
    }

    private static INDArray slice(INDArray flat, long from, long to) {
        return flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(from, to));
    }

    /** The stacked network {@code D(G(z))}, whose parameters are the GAN's: what a model zip holds. */
    public MultiLayerNetwork stack() {
        return stack;
    }

    /** Width of the noise the generator reads. */
    public int latentSize() {
        return configuration.latent();
    }

    /**
     * {@code count} generated images, one flat row each, in inference mode, from noise drawn from
     * ND4J's random stream (seed it first for a reproducible draw).
     */
    public INDArray generate(int count) {
        return generated(noise(count));
    }

    /** The discriminator's probability that each row of {@code images} is real, a column. */
    public INDArray discriminate(INDArray images) {
        return discriminator.output(images, false);
    }

    private INDArray noise(long count) {
        return Nd4j.randn(dataType(), count, configuration.latent());
    }

    private INDArray generated(INDArray noise) {
        INDArray images = generator.output(noise, false);
        return images.reshape('c', images.size(0), images.length() / images.size(0));
    }

    @Override
    public Model model() {
        return stack;
    }

    @Override
    public NetworkConfiguration configuration() {
        return configuration;
    }

    @Override
    public DataType dataType() {
        return stack.getLayerWiseConfigurations().getDataType();
    }

    @Override
    public INDArray params() {
        return stack.params();
    }

    @Override
    public long numParams() {
        return stack.numParams();
    }

    @Override
    public Optional<INDArray> updaterState() {
        return Optional.ofNullable(updaterState);
    }

    @Override
    public INDArray gradientView() {
        return stack.getGradientsViewArray();
    }

    @Override
    public int iteration() {
        return stack.getIterationCount();
    }

    @Override
    public int epoch() {
        return stack.getEpochCount();
    }

    @Override
    public void incrementEpochCount() {
        setCounts(iteration(), epoch() + 1);
    }

    @Override
    public void setCounts(int iteration, int epoch) {
        for (MultiLayerNetwork network : List.of(stack, generator, discriminator)) {
            LayeredNetwork.setCounts(network, iteration, epoch);
        }
    }

    @Override
    public int phases() {
        return 2;
    }

    /** Both phases in turn, each on its own noise; returns the sum of their losses. */
    @Override
    public double computeGradientAndScore(DataSet batch) {
        throw new UnsupportedOperationException("a GAN's gradient is computed one phase at a time: computeGradientAndScore(batch, phase)");
    }

    /**
     * The gradient of phase {@code phase} for the batch's real images, summed over the batch (the
     * discriminator's halved, being the sum over {@code 2n} images), zero outside the phase's part;
     * returns the phase's mean loss.
     */
    @Override
    public double computeGradientAndScore(DataSet batch, int phase) {
        INDArray real = batch.getFeatures();
        long n = real.size(0);
        INDArray view = gradientView();
        if (checkPhase(phase) == DISCRIMINATOR) {
            INDArray noise = noise(n);
            INDArray images = Nd4j.vstack(real.castTo(dataType()), generated(noise));
            INDArray labels = Nd4j.vstack(Nd4j.ones(dataType(), n, 1), Nd4j.zeros(dataType(), n, 1));
            discriminator.setInput(images);
            discriminator.setLabels(labels);
            discriminator.computeGradientAndScore();
            slice(view, generatorParams, numParams()).assign(discriminator.getGradientsViewArray()).muli(0.5);
            slice(view, 0, generatorParams).assign(0);
            stack.setInput(noise); // the batch size a clipping listener reads off the stack
            return discriminator.score();
        }
        stack.setInput(noise(n));
        stack.setLabels(Nd4j.ones(dataType(), n, 1));
        stack.computeGradientAndScore();
        slice(view, generatorParams, numParams()).assign(0);
        return stack.score();
    }

    private int checkPhase(int phase) {
        if (phase != DISCRIMINATOR && phase != GENERATOR) {
            throw new IllegalArgumentException("a GAN has phases 0 (discriminator) and 1 (generator), not " + phase);
        }
        return phase;
    }

    /** One step of every phase in order on {@code batch}; returns the sum of the phases' losses. */
    @Override
    public double fit(DataSet batch) {
        double loss = 0;
        for (int phase = 0; phase < phases(); phase++) {
            loss += fit(batch, phase);
        }
        return loss;
    }

    /** One optimizer step of {@code phase} on {@code batch}, listeners (clipping) between gradient and step. */
    @Override
    public double fit(DataSet batch, int phase) {
        double loss = computeGradientAndScore(batch, phase);
        listeners.forEach(listener -> listener.onGradientCalculation(stack));
        applyGradient(gradientView(), batch.numExamples(), GradientClipping.none(), phase);
        return loss;
    }

    /**
     * Applies a phase's gradient summed over {@code examples} real images: clipped as asked, then
     * the phase's part's optimizer alone turns it into a step at the current iteration. The step
     * counters advance after the last phase, so both parts' optimizers see the same step number.
     */
    @Override
    public void applyGradient(INDArray gradientSum, long examples, GradientClipping clipping, int phase) {
        INDArray view = gradientView();
        if (view.length() != gradientSum.length()) {
            throw new IllegalArgumentException("gradient of length " + gradientSum.length() + " does not fit a GAN of "
                    + view.length() + " parameters");
        }
        view.assign(gradientSum.reshape(view.shape()));
        boolean generatorPhase = checkPhase(phase) == GENERATOR;
        slice(view, generatorPhase ? generatorParams : 0, generatorPhase ? numParams() : generatorParams).assign(0);
        clipping.clipSum(view, examples);
        int iteration = iteration();
        int epoch = epoch();
        MultiLayerNetwork part = generatorPhase ? generator : discriminator;
        INDArray partView = generatorPhase ? slice(view, 0, generatorParams) : slice(view, generatorParams, numParams());
        update(part, partView, iteration, epoch, Math.toIntExact(examples));
        params().subi(view);
        if (phase == phases() - 1) {
            setCounts(iteration + 1, epoch);
            stack.applyConstraints(iteration + 1, epoch);
        }
    }

    /** Runs {@code part}'s optimizer over {@code partView} (its slice of the gradient), leaving the step there. */
    private static void update(MultiLayerNetwork part, INDArray partView, int iteration, int epoch, int batchSize) {
        INDArray own = part.getGradientsViewArray();
        own.assign(partView);
        part.getUpdater().update(part, GradientViews.keyed(own, part.getLayers(), String::valueOf), iteration, epoch, batchSize,
                NO_WORKSPACES);
        partView.assign(own);
    }

    @Override
    public void applyGradient(INDArray gradientSum, long examples, GradientClipping clipping) {
        throw new UnsupportedOperationException("a GAN applies its gradient one phase at a time: applyGradient(sum, examples, clipping, phase)");
    }

    @Override
    public void runUpdater(int iteration, int epoch, int batchSize) {
        throw new UnsupportedOperationException("a GAN runs one part's optimizer per phase: applyGradient(sum, examples, clipping, phase)");
    }

    /**
     * What evaluation measures: the discriminator, on the batch's real images (class 1, "real")
     * and as many generated ones (class 0, "generated"), drawn from noise seeded by the batch so
     * that an evaluation is repeatable. Accuracy is then the discriminator's on real vs generated.
     */
    @Override
    public DataSet evaluationBatch(DataSet batch) {
        INDArray real = batch.getFeatures().castTo(dataType());
        long n = real.size(0);
        Nd4j.getRandom().setSeed(Double.doubleToLongBits(real.sumNumber().doubleValue()) ^ n);
        INDArray images = Nd4j.vstack(real, generate((int) n));
        INDArray isReal = Nd4j.vstack(Nd4j.ones(dataType(), n, 1), Nd4j.zeros(dataType(), n, 1));
        return new DataSet(images, Nd4j.hstack(isReal.rsub(1), isReal));
    }

    /** Columns "generated" and "real": the discriminator's probability of each. */
    @Override
    public INDArray output(INDArray features) {
        INDArray real = discriminate(features);
        return Nd4j.hstack(real.rsub(1), real);
    }

    @Override
    public INDArray output(DataSet batch) {
        return output(batch.getFeatures());
    }

    /** The discriminator's binary cross-entropy of each example of an {@link #evaluationBatch}, without regularization. */
    @Override
    public INDArray scoreExamples(DataSet batch) {
        INDArray isReal = batch.getLabels().getColumn(1, true);
        return discriminator.scoreExamples(new DataSet(batch.getFeatures(), isReal), false);
    }

    @Override
    public double regularizationScore() {
        return stack.calcRegularizationScore(true);
    }

    @Override
    public List<INDArray> stateEntries() {
        return List.of();
    }

    @Override
    public Layer[] layers() {
        return stack.getLayers();
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer outputLayer() {
        return stack.getLayerWiseConfigurations().getConf(stack.getnLayers() - 1).getLayer();
    }

    /** Two: the discriminator's verdicts "generated" and "real". */
    @Override
    public long outputSize() {
        return 2;
    }

    @Override
    public void setListeners(List<TrainingListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void clear() {
        stack.clear();
        generator.clear();
        discriminator.clear();
        useUpdaters();
    }

    @Override
    public Network copy() {
        MultiLayerNetwork copied = stack.clone();
        return new GanNetwork(configuration, copied, updaterState().map(INDArray::dup));
    }

    @Override
    public MultiLayerNetwork asMultiLayer() {
        throw new IllegalStateException("a GAN is two networks, not one MultiLayerNetwork");
    }
}
