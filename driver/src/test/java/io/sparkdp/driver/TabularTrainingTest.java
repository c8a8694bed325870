package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.DataConfig;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.Normalization;
import io.sparkdp.data.Normalizer;
import io.sparkdp.data.ShardPlan;
import io.sparkdp.driver.checkpoint.Checkpoint;
import io.sparkdp.driver.checkpoint.CheckpointStore;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.model.ModelMetadata;
import io.sparkdp.driver.model.ModelStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Training from a CSV export of real Fashion-MNIST records: it trains exactly as the same records
 * in IDX form do, and a fitted normalization travels with the model and the checkpoints.
 */
class TabularTrainingTest {
    private static final String FASHION = "idx:/usr/share/datasets/fashion-mnist";
    private static final int RECORDS = 3000;

    @TempDir
    static Path tmp;
    private static JavaSparkContext spark;
    private static String csv;

    @BeforeAll
    static void start() {
        spark = SparkFixture.local(2);
        csv = "csv:" + writeCsv(tmp.resolve("fashion-csv"), RECORDS).toUri();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /**
     * The first {@code count} training records in two part files, each row the 784 pixel values as
     * the model sees them ({@code Float.toString} of pixel / 255, which parses back to the same
     * float), then the class index.
     */
    static Path writeCsv(Path dir, int count) {
        Configuration conf = new Configuration();
        IdxDataset data = IdxDataset.open(IdxSource.resolve(FASHION, IdxSource.Part.TRAIN, conf), conf);
        ExampleBlock records = data.readTrainShard(conf, new ShardPlan(count, 0, 1, 0L), 0);
        try {
            Files.createDirectories(dir);
            for (int part = 0; part < 2; part++) {
                try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("part-0000" + part + ".csv"))) {
                    for (int i = part * count / 2; i < (part + 1) * count / 2; i++) {
                        StringBuilder row = new StringBuilder();
                        for (float value : records.range(i, i + 1).features()) {
                            row.append(value).append(',');
                        }
                        out.write(row.append(records.label(i)).append('\n').toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static TrainConfig.Builder mlp(String data, String output) {
        return TrainConfig.builder().data(data).model("mlp").epochs(2).batchSize(64).workers(2).seed(3L)
                .limit(RECORDS).validationSplit(0.1).output(tmp.resolve(output).toString()).overwrite(true)
                .recovery(TrainConfig.defaults().recovery().withCheckpointDir("none"));
    }

    private static TrainResult fit(TrainConfig config) {
        return new TrainJob(spark, config, List.of(), DataType.FLOAT).fit();
    }

    @Test
    void aModelTrainedFromACsvExportEqualsOneTrainedFromTheSameIdxRecords() {
        TrainResult fromCsv = fit(mlp(csv, "csv.zip").build());
        TrainResult fromIdx = fit(mlp(FASHION, "idx.zip").build());
        assertEquals(fromIdx.network().params(), fromCsv.network().params(), "bit-identical parameters");
        assertEquals(fromIdx.epochs().get(1).trainLoss(), fromCsv.epochs().get(1).trainLoss(), 0.0);
        double accuracy = new EvaluateJob(spark, new EvaluateConfig(fromCsv.output(), FASHION, 500, 2,
                EvaluateConfig.DEFAULT_TOP_K, "", DataConfig.defaults())).run().classification().accuracy();
        assertTrue(accuracy > 0.75, "CSV-trained test accuracy " + accuracy);
    }

    @Test
    void aFittedNormalizationIsSavedWithTheModelAndCheckpointsAndAppliedOnResumeAndEvaluation() {
        DataConfig standardize = DataConfig.defaults().withNormalize(Normalization.STANDARDIZE);
        RecoveryConfig checkpoints = RecoveryConfig.defaults().withCheckpointDir(tmp.resolve("ckpt").toString());
        TrainConfig straightConfig = mlp(csv, "straight.zip").input(standardize).build();
        TrainResult straight = fit(straightConfig);
        fit(mlp(csv, "stopped.zip").input(standardize).epochs(1).recovery(checkpoints).build());

        Checkpoint checkpoint = new CheckpointStore(spark.hadoopConfiguration(), checkpoints.checkpointDir())
                .loadNewestGood().orElseThrow();
        Normalizer fitted = checkpoint.state().normalizer();
        assertEquals(Normalization.STANDARDIZE, fitted.method());
        assertEquals(784, fitted.featureSize());
        ModelMetadata saved = new ModelStore(spark.hadoopConfiguration()).loadStored(straight.output()).metadata().orElseThrow();
        assertEquals(fitted, saved.normalizer(), "the model zip holds the normalizer the checkpoint holds");

        TrainResult resumed = fit(mlp(csv, "resumed.zip").input(standardize)
                .recovery(checkpoints.withResume(RecoveryConfig.Resume.REQUIRED)).build());
        assertEquals(straight.network().params(), resumed.network().params(), "resumed with the checkpoint's normalizer");

        double normalized = new EvaluateJob(spark, new EvaluateConfig(straight.output(), FASHION, 500, 2,
                EvaluateConfig.DEFAULT_TOP_K, "", DataConfig.defaults())).run().classification().accuracy();
        assertTrue(normalized > 0.75, "evaluation applies the model's normalizer: accuracy " + normalized);
    }
}
