package io.sparkdp.driver.checkpoint;

import io.sparkdp.models.network.Network;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A checkpoint read back and verified.
 *
 * @param name    its directory name, e.g. {@code checkpoint-000000468}
 * @param state   where the run stood
 * @param model   the network, of either kind, with its optimizer state and iteration count
 * @param best    the best epoch's network, kept for early stopping; present exactly when
 *                {@code state} names a best epoch
 * @param strategyState what the strategy keeps on the driver between rounds (the slow momentum
 *                of {@code average}), flat; empty when it keeps none
 */
public record Checkpoint(String name, TrainingState state, Network model, Optional<Network> best,
                         Optional<INDArray> strategyState) {
    /**
     * The network as a {@code MultiLayerNetwork}.
     *
     * @throws IllegalStateException when it is a computation graph
     */
    public MultiLayerNetwork network() {
        return model.asMultiLayer();
    }
}
