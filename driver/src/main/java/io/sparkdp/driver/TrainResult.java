package io.sparkdp.driver;

import io.sparkdp.driver.listen.EpochReport;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A finished training run.
 *
 * @param network the trained network, with optimizer state
 * @param epochs  one report per epoch
 * @param output  where the model was saved
 */
public record TrainResult(MultiLayerNetwork network, List<EpochReport> epochs, String output) {
}
