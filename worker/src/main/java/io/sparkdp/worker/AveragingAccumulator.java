package io.sparkdp.worker;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The example-weighted sums of the workers' parameters and optimizer states after a local-SGD
 * round. Each worker's parameters and state are weighted by the examples it trained on, so a
 * worker with a short last slice counts for less. Zero, add, merge; the zero ships no vector.
 * <p>
 * Both vectors are averaged: workers resume from the averaged optimizer state, not from their
 * own stale one, which would let each worker's momentum drift away from the shared parameters.
 */
public final class AveragingAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final VectorSum parameters = new VectorSum();
    private final VectorSum updaterStates = new VectorSum();
    private final ShardTally tally = new ShardTally();

    private AveragingAccumulator() {
    }

    public static AveragingAccumulator empty() {
        return new AveragingAccumulator();
    }

    /**
     * Adds one worker's state after its local steps.
     *
     * @param parameters   its parameters; copied
     * @param updaterState its optimizer state, or an empty vector for stateless optimizers; copied
     * @param result       examples, loss, steps and time of its local steps
     */
    public AveragingAccumulator add(int shard, INDArray parameters, INDArray updaterState, LocalResult result) {
        if (result.examples() < 1) {
            throw new IllegalArgumentException("a contribution needs at least one example; use addEmpty for none");
        }
        tally.record(shard, result.examples(), result.lossSum(), result.steps(), result.computeNanos());
        this.parameters.add(parameters, result.examples());
        if (updaterState.length() > 0) {
            updaterStates.add(updaterState, result.examples());
        }
        return this;
    }

    /** Records that a shard took part but had no examples left this round. */
    public AveragingAccumulator addEmpty(int shard) {
        tally.record(shard, 0, 0, 0, 0);
        return this;
    }

    /** Folds {@code other} in; takes ownership of its vectors. */
    public AveragingAccumulator merge(AveragingAccumulator other) {
        tally.merge(other.tally);
        parameters.merge(other.parameters);
        updaterStates.merge(other.updaterStates);
        return this;
    }

    public ShardTally tally() {
        return tally;
    }

    /** The example-weighted mean of the workers' parameters. */
    public INDArray meanParameters() {
        return parameters.sum().div(tally.examples());
    }

    /** Whether the optimizer keeps a state that was averaged. */
    public boolean hasUpdaterState() {
        return !updaterStates.isEmpty();
    }

    /** The example-weighted mean of the workers' optimizer states. */
    public INDArray meanUpdaterState() {
        return updaterStates.sum().div(tally.examples());
    }

    /**
     * What one worker's local steps came to.
     *
     * @param examples     examples trained on
     * @param lossSum      summed per-example loss, each measured before its step
     * @param steps        optimizer steps taken
     * @param computeNanos time the steps took
     */
    public record LocalResult(long examples, double lossSum, int steps, long computeNanos) implements Serializable {
    }
}
