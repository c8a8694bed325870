package io.sparkdp.driver;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import io.sparkdp.worker.ClassificationMetrics;
import io.sparkdp.worker.EvaluationPlan;
import io.sparkdp.worker.WorkerContext;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/**
 * Measures, prints and asserts nothing about speed: seconds per distributed evaluation of the
 * 10,000 Fashion-MNIST test images by the CNN on local[2], with the loss taken from the one
 * forward pass (cross-entropy on a softmax) and with the second scoring pass that other losses
 * need. Not a unit test (its name keeps Surefire from running it by default); run it with
 * {@code -Dtest=EvaluationPassBench}.
 */
class EvaluationPassBench {
    private static final int REPEATS = 5;

    @Test
    void onePassAgainstTwo() {
        JavaSparkContext spark = SparkFixture.local(2);
        try {
            var hadoop = spark.hadoopConfiguration();
            IdxDataset data = IdxDataset.open(IdxSource.resolve(io.sparkdp.driver.config.TrainConfig.DEFAULT_DATA, IdxSource.Part.TEST, hadoop), hadoop);
            JavaRDD<ExampleBlock> blocks = data.allShards(spark, 2);
            blocks.count();
            MultiLayerNetwork network = ModelZoo.build("cnn", ModelRequest.of(new InputShape(1, 28, 28), 10, 42L,
                    OptimizerConfig.defaults()));
            WorkerContext worker = new WorkerContext("bench", spark.broadcast(network.getLayerWiseConfigurations().toJson()));
            EvaluationPlan one = EvaluationPlan.of(network, 5, 500);
            EvaluationPlan two = new EvaluationPlan(one.classes(), one.topK(), one.batchSize(), true, false);
            for (EvaluationPlan warm : new EvaluationPlan[]{one, two}) {
                Evaluator.evaluate(spark, blocks, network, worker, warm);
            }
            double[] seconds = new double[2];
            ClassificationMetrics[] results = new ClassificationMetrics[2];
            for (int r = 0; r < REPEATS; r++) {
                for (int p = 0; p < 2; p++) {
                    long start = System.nanoTime();
                    results[p] = Evaluator.evaluate(spark, blocks, network, worker, p == 0 ? one : two);
                    seconds[p] += (System.nanoTime() - start) / 1e9 / REPEATS;
                }
            }
            System.out.printf(Locale.ROOT, "cnn, 10,000 test images, local[2], mean of %d: one pass %.3f s, two passes %.3f s"
                    + " (%.0f%% less); loss %.6f vs %.6f%n", REPEATS, seconds[0], seconds[1], 100 * (1 - seconds[0] / seconds[1]),
                    results[0].loss(), results[1].loss());
        } finally {
            spark.stop();
        }
    }
}
