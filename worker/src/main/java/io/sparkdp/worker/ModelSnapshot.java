package io.sparkdp.worker;

import java.io.Serializable;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
    public static ModelSnapshot of(MultiLayerNetwork network) {
        INDArray state = network.getUpdater().getStateViewArray();
        return new ModelSnapshot(FlatVector.of(network.params()), state == null ? FlatVector.empty() : FlatVector.of(state),
                network.getIterationCount(), network.getEpochCount());
    }

    /** Makes {@code network} hold exactly this state. */
    public void applyTo(MultiLayerNetwork network) {
        parameters.copyInto(network.params());
        INDArray state = network.getUpdater().getStateViewArray();
        if (state != null) {
            if (updaterState.length() != state.length()) {
                throw new IllegalStateException("optimizer state of " + updaterState.length()
                        + " values does not fit a network whose optimizer keeps " + state.length());
            }
            updaterState.copyInto(state);
        }
        setCounts(network, iteration, epoch);
    }

    /** Sets the step and epoch counters of the network and of each layer, as DL4J's fit keeps them. */
    public static void setCounts(MultiLayerNetwork network, int iteration, int epoch) {
        network.setIterationCount(iteration);
        network.setEpochCount(epoch);
        for (Layer layer : network.getLayers()) {
            layer.setIterationCount(iteration);
            layer.setEpochCount(epoch);
        }
    }
}
