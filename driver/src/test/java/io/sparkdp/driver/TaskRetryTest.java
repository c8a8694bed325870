package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.worker.FaultInjection;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Lost work: a task that dies mid-round is re-run by Spark, and the round still counts every
 * shard exactly once. The first attempt of shard 0's task in epoch 1, round 2 throws; the run
 * must still equal the single-machine oracle, as a clean run does.
 */
class TaskRetryTest {
    private static final String FASHION = "idx:/usr/share/datasets/fashion-mnist";
    private static final AtomicInteger FAILED_TASKS = new AtomicInteger();
    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        SparkConf conf = new SparkConf().setMaster("local[2,3]").setAppName("sparkdp-retry-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set(FaultInjection.FAIL_ONCE, "1:2");
        spark = new JavaSparkContext(conf);
        spark.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful()) {
                    FAILED_TASKS.incrementAndGet();
                }
            }
        });
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private TrainConfig config(String strategy) {
        return TrainConfig.builder().data(FASHION).model("mlp").epochs(1).batchSize(64).workers(2).limit(320)
                .validationSplit(0).seed(5L).optimizer("momentum").learningRate(0.02).strategy(strategy).averageEvery(2)
                .output(dir.resolve(strategy + ".zip").toString()).overwrite(true)
                .recovery(RecoveryConfig.defaults().withCheckpointDir(RecoveryConfig.NONE)).build();
    }

    private static void assertRetriedAndEqual(MultiLayerNetwork oracle, MultiLayerNetwork trained, int failedBefore)
            throws Exception {
        spark.sc().listenerBus().waitUntilEmpty();
        assertTrue(FAILED_TASKS.get() > failedBefore, "the injected failure happened");
        double diff = ReferenceSetup.maxAbsDiff(oracle.params(), trained.params());
        assertTrue(diff <= 1e-9, "after a retried task the parameters differ from the oracle by " + diff);
    }

    @Test
    void syncRoundWithARetriedTaskEqualsTheSingleMachineRun() throws Exception {
        int before = FAILED_TASKS.get();
        TrainConfig config = config("sync");
        MultiLayerNetwork trained = new TrainJob(spark, config, List.of(), DataType.DOUBLE).fit().network();
        assertRetriedAndEqual(SingleMachineReference.train(config, DataType.DOUBLE), trained, before);
    }

    @Test
    void averagingRoundWithARetriedTaskEqualsTheLocalSgdOracle() throws Exception {
        int before = FAILED_TASKS.get();
        TrainConfig config = config("average");
        MultiLayerNetwork trained = new TrainJob(spark, config, List.of(), DataType.DOUBLE).fit().network();
        assertRetriedAndEqual(LocalSgdReference.train(config, DataType.DOUBLE), trained, before);
    }
}
