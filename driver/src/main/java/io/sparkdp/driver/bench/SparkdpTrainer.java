package io.sparkdp.driver.bench;

import io.sparkdp.driver.TrainJob;
import io.sparkdp.driver.TrainResult;
import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.listen.EpochReport;
import io.sparkdp.driver.listen.RoundReport;
import io.sparkdp.driver.listen.TrainingListener;
import io.sparkdp.worker.Phase;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;

/** sparkdp itself, through the same {@link TrainJob} as {@code sparkdp train}. */
final class SparkdpTrainer {
    private SparkdpTrainer() {
    }

    /** Mean per-round time outside the slowest worker's compute. */
    private static final class RoundOverhead implements TrainingListener {
        private double millis;
        private long rounds;

        @Override
        public void onRound(RoundReport report) {
            millis += report.millis().get(Phase.BROADCAST) + report.millis().get(Phase.AGGREGATE)
                    + report.millis().get(Phase.UPDATE);
            rounds++;
        }

        double mean() {
            return rounds == 0 ? Double.NaN : millis / rounds;
        }
    }

    static BenchResult run(BenchConfig config, JavaSparkContext spark, int workers, String strategy, int k,
                           Path scratch, TestSet test) {
        TrainConfig train = TrainConfig.builder().data(config.data()).model(config.model()).epochs(config.epochs())
                .batchSize(config.batchSize()).workers(workers).limit(config.limit()).validationSplit(0)
                .strategy(strategy).averageEvery(k).averaging(config.averaging()).optimizer("adam").learningRate(config.learningRate())
                .seed(config.seed()).output(scratch.resolve(strategy + "-" + k + ".zip").toString()).overwrite(true)
                .recovery(RecoveryConfig.defaults().withCheckpointDir(RecoveryConfig.NONE)).build();
        RoundOverhead overhead = new RoundOverhead();
        TrainResult result = new TrainJob(spark, train, List.of(overhead), DataType.FLOAT).fit();
        long examples = result.epochs().stream().mapToLong(EpochReport::examples).sum();
        double seconds = result.epochs().stream().mapToDouble(EpochReport::trainSeconds).sum();
        String name = "sync".equals(strategy) ? "sparkdp sync" : "sparkdp average, K = " + k
                + (config.averaging().plain() ? "" : ", " + config.averaging().describe());
        return new BenchResult(name, examples, seconds, test.accuracy(result.model()), overhead.mean());
    }
}
