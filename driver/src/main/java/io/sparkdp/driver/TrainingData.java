package io.sparkdp.driver;

import io.sparkdp.data.BadRecords;
import io.sparkdp.data.DataConfig;
import io.sparkdp.data.DataSchema;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.InputData;
import io.sparkdp.data.InputFormats;
import io.sparkdp.data.ShardPlan;
import io.sparkdp.data.Split;
import io.sparkdp.data.SplitRequest;
import io.sparkdp.driver.checkpoint.Provenance;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.spark.RunScope;
import io.sparkdp.worker.Phase;
import io.sparkdp.worker.PhaseTimer;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data of a training run, opened, divided and cached on the executors before the first
 * round, so that read errors surface before training and round times exclude loading.
 *
 * @param schema            the shape and classes of the training data
 * @param plan              how the training records are divided among the workers
 * @param train             one block per worker
 * @param validation        the validation records: held out of the training data, or a data set of their own
 * @param validationRecords how many there are; 0 turns validation off
 * @param bad               unreadable records skipped, of both data sets
 */
record TrainingData(DataSchema schema, ShardPlan plan, JavaRDD<ExampleBlock> train, JavaRDD<ExampleBlock> validation,
                    long validationRecords, BadRecords bad) {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingData.class);

    /** Opens {@code config}'s data (and validation data), divides it and reads it into the executors' caches. */
    static TrainingData load(RunScope scope, TrainConfig config) {
        Configuration hadoop = scope.spark().hadoopConfiguration();
        InputData data = InputFormats.open(config.data(), IdxSource.Part.TRAIN, config.input(), hadoop);
        DataSchema schema = data.schema();
        Optional<InputData> separate = Optional.empty();
        if (config.separateValidation()) {
            DataConfig sameSize = config.input().withImageSize(schema.height() + "x" + schema.width());
            separate = Optional.of(InputFormats.open(config.validation(), IdxSource.Part.TEST, sameSize, hadoop));
            checkSameShape(schema, separate.get());
        }
        Split split = data.split(scope.spark(), new SplitRequest(config.limit(), config.validationSplit(),
                config.workers(), config.seed()));
        JavaRDD<ExampleBlock> train = load(scope, "training", split.train());
        JavaRDD<ExampleBlock> validation;
        long records;
        if (separate.isPresent()) {
            validation = load(scope, "validation", separate.get().all(scope.spark(), config.workers()));
            records = validation.map(ExampleBlock::size).fold(0, Integer::sum);
        } else {
            // Nothing held out: the validation RDD stays unread (validate() skips it), so no job reads empty shards.
            records = split.plan().validationRecords();
            validation = records > 0 ? load(scope, "validation", split.validation()) : scope.keep(split.validation());
        }
        split.releaseIntermediates();
        return new TrainingData(schema, split.plan(), train, validation, records, split.bad());
    }

    private static void checkSameShape(DataSchema training, InputData validation) {
        DataSchema other = validation.schema();
        if (other.featureSize() != training.featureSize() || !other.classNames().equals(training.classNames())) {
            throw new io.sparkdp.data.BadDataException("validation data " + validation.spec() + " has "
                    + other.describe() + " in classes " + other.classNames() + " but the training data has "
                    + training.describe() + " in classes " + training.classNames());
        }
    }

    private static JavaRDD<ExampleBlock> load(RunScope scope, String role, JavaRDD<ExampleBlock> blocks) {
        scope.describe("load " + role + " data");
        PhaseTimer timer = new PhaseTimer();
        Supplier<Integer> count = () -> blocks.map(ExampleBlock::size).fold(0, Integer::sum);
        long records = timer.time(Phase.LOAD, count);
        LOG.info("loaded {} {} records in {} blocks in {} ms", records, role, blocks.getNumPartitions(),
                Math.round(timer.totalMillis()));
        return scope.keep(blocks);
    }

    /** Where the run's records came from, as checkpoints record it. */
    List<Provenance.DataSource> sources(TrainConfig config) {
        String validationUri = config.separateValidation() ? config.validation() : config.data();
        return List.of(new Provenance.DataSource("training", config.data(), plan.trainRecords()),
                new Provenance.DataSource("validation", validationUri, validationRecords));
    }
}
