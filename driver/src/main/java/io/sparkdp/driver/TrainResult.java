package io.sparkdp.driver;

import io.sparkdp.data.BadRecords;
import io.sparkdp.driver.listen.EpochReport;
import io.sparkdp.driver.listen.TrainingEnd;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A finished training run.
 *
 * @param network       the trained network, with optimizer state: with early stopping, the best epoch's
 * @param epochs        one report per epoch, those before a resume included
 * @param output        where the model was saved
 * @param checkpointDir where the run's checkpoints and {@code metrics.jsonl} are; empty with checkpoints off
 * @param skipped       records of the data that could not be read and were left out
 * @param end           how training ended: the epochs done, and whether early stopping stopped it
 */
public record TrainResult(MultiLayerNetwork network, List<EpochReport> epochs, String output,
                          Optional<String> checkpointDir, BadRecords skipped, TrainingEnd end) {
}
