package io.sparkdp.driver.score;

import io.sparkdp.data.ImageDecoder;
import io.sparkdp.worker.FlatVector;
import io.sparkdp.worker.WorkerContext;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;

/**
 * What every scoring task receives: the model's configuration and parameters as broadcasts (never
 * captured, so a task stays small), how to decode images, and the counters of the progress display.
 *
 * @param worker     run id and broadcast configuration, keying the executors' network pool
 * @param parameters the model's parameters, broadcast once per run
 * @param decoder    turns an image file into the model's input size; for rows and sequences, a
 *                   {@code 1 x features} decoder that no input uses (they arrive as numbers)
 * @param batchSize  examples per forward pass
 * @param rows       how the network's outputs become rows: classes with top-k, or regression targets
 * @param model      the input size and the normaliser saved with the model
 * @param scored     images given a prediction so far, for progress
 * @param bad        images that could not be scored so far, for progress
 */
record ScoreTask(WorkerContext worker, Broadcast<FlatVector> parameters, ImageDecoder decoder, int batchSize,
                 ScoreRows.Output rows, ModelInput model, LongAccumulator scored, LongAccumulator bad) implements Serializable {
}
