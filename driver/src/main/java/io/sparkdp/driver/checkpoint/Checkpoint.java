package io.sparkdp.driver.checkpoint;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A checkpoint read back and verified.
 *
 * @param name    its directory name, e.g. {@code checkpoint-000000468}
 * @param state   where the run stood
 * @param network the network with its optimizer state and iteration count
 */
public record Checkpoint(String name, TrainingState state, MultiLayerNetwork network) {
}
