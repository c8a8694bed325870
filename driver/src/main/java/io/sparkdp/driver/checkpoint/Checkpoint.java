package io.sparkdp.driver.checkpoint;

import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A checkpoint read back and verified.
 *
 * @param name    its directory name, e.g. {@code checkpoint-000000468}
 * @param state   where the run stood
 * @param network the network with its optimizer state and iteration count
 * @param best    the best epoch's network, kept for early stopping; present exactly when
 *                {@code state} names a best epoch
 */
public record Checkpoint(String name, TrainingState state, MultiLayerNetwork network, Optional<MultiLayerNetwork> best) {
}
