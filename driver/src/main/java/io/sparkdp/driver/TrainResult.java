package io.sparkdp.driver;

import io.sparkdp.data.BadRecords;
import io.sparkdp.driver.listen.EpochReport;
import io.sparkdp.driver.listen.TrainingEnd;
import io.sparkdp.models.network.Network;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A finished training run.
 *
 * @param model         the trained network, of either kind, with optimizer state: with early stopping, the best epoch's
 * @param epochs        one report per epoch, those before a resume included
 * @param output        where the model was saved
 * @param checkpointDir where the run's checkpoints and {@code metrics.jsonl} are; empty with checkpoints off
 * @param skipped       records of the data that could not be read and were left out
 * @param end           how training ended: the epochs done, and whether early stopping stopped it
 */
public record TrainResult(Network model, List<EpochReport> epochs, String output,
                          Optional<String> checkpointDir, BadRecords skipped, TrainingEnd end) {
    /**
     * The trained network as a {@code MultiLayerNetwork}.
     *
     * @throws IllegalStateException when it is a computation graph
     */
    public MultiLayerNetwork network() {
        return model.asMultiLayer();
    }
}
