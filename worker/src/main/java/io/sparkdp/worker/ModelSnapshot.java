package io.sparkdp.worker;

import java.io.Serializable;
import io.sparkdp.models.network.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a local-SGD round starts from on every worker: the parameters, the optimizer state and
 * the step counters the optimizer's bias corrections and schedules read. Broadcast once per round.
 *
 * @param parameters   flat parameters
 * @param updaterState flat optimizer state; empty for optimizers that keep none (plain SGD)
 * @param iteration    optimizer steps taken so far
 * @param epoch        epochs completed so far
 */
public record ModelSnapshot(FlatVector parameters, FlatVector updaterState, int iteration, int epoch) implements Serializable {
    /** A copy of {@code network}'s state. */
    public static ModelSnapshot of(Network network) {
        return new ModelSnapshot(FlatVector.of(network.params()), network.updaterState().map(FlatVector::of).orElseGet(FlatVector::empty),
                network.iteration(), network.epoch());
    }

    /** Makes {@code network} hold exactly this state. */
    public void applyTo(Network network) {
        parameters.copyInto(network.params());
        if (network.updaterState().isPresent()) {
            INDArray state = network.updaterState().get();
            if (updaterState.length() != state.length()) {
                throw new IllegalStateException("optimizer state of " + updaterState.length()
                        + " values does not fit a network whose optimizer keeps " + state.length());
            }
            updaterState.copyInto(state);
        }
        network.setCounts(iteration, epoch);
    }
}
