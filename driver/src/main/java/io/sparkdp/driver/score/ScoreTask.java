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
 * @param decoder    turns an image file into the model's input size
 * @param batchSize  images per forward pass
 * @param topK       classes listed per image
 * @param model      the class names and the normaliser saved with the model
 * @param scored     images given a prediction so far, for progress
 * @param bad        images that could not be scored so far, for progress
 */
record ScoreTask(WorkerContext worker, Broadcast<FlatVector> parameters, ImageDecoder decoder, int batchSize,
                 int topK, ModelInput model, LongAccumulator scored, LongAccumulator bad) implements Serializable {
}
