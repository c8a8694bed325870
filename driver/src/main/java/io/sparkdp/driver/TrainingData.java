package io.sparkdp.driver;

import io.sparkdp.data.BadRecords;
import io.sparkdp.data.DataConfig;
import io.sparkdp.data.DataSchema;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.InputData;
import io.sparkdp.data.FeatureStats;
import io.sparkdp.data.InputFormats;
import io.sparkdp.data.Normalization;
import io.sparkdp.data.Normalizer;
import io.sparkdp.data.ShardPlan;
import io.sparkdp.data.Split;
import io.sparkdp.data.SplitRequest;
import io.sparkdp.data.Task;
import io.sparkdp.driver.checkpoint.Provenance;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.spark.Aggregation;
import io.sparkdp.driver.spark.RunScope;
import io.sparkdp.worker.Phase;
import io.sparkdp.worker.PhaseTimer;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data of a training run, opened, divided and cached on the executors before the first
 * round, so that read errors surface before training and round times exclude loading. Its
 * features are normalised by a normalizer fitted in one pass over the training shards (or the
 * one a resumed run was checkpointed with), applied as the executors cut minibatches.
 *
 * @param schema            the shape and classes of the training data
 * @param plan              how the training records are divided among the workers
 * @param train             one block per worker
 * @param validation        the validation records: held out of the training data, or a data set of their own
 * @param validationRecords how many there are; 0 turns validation off
 * @param bad               unreadable records skipped, of both data sets
 * @param normalizer        the feature normalization every block applies
 */
record TrainingData(DataSchema schema, ShardPlan plan, JavaRDD<ExampleBlock> train, JavaRDD<ExampleBlock> validation,
                    long validationRecords, BadRecords bad, Normalizer normalizer) {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingData.class);

    /**
     * Opens {@code config}'s data (and validation data), divides it and reads it into the executors' caches.
     *
     * @param resumed the normalizer of the checkpoint a run resumes from; empty to fit one
     */
    static TrainingData load(RunScope scope, TrainConfig config, Optional<Normalizer> resumed) {
        JavaSparkContext sc = scope.spark();
        InputData data = InputFormats.open(config.data(), IdxSource.Part.TRAIN, config.input(), sc);
        DataSchema schema = data.schema();
        Optional<InputData> separate = Optional.empty();
        if (config.separateValidation()) {
            separate = Optional.of(InputFormats.open(config.validation(), IdxSource.Part.TEST, likeTraining(config.input(), schema), sc));
            checkSameShape(schema, separate.get());
        }
        Split split = data.split(sc, new SplitRequest(config.limit(), config.validationSplit(), config.workers(), config.seed()));
        Normalizer normalizer = resumed.orElseGet(() -> fit(scope, split.train(), schema, config));
        boolean reconstruct = config.input().task() == Task.RECONSTRUCTION;
        JavaRDD<ExampleBlock> train = load(scope, "training", prepared(split.train(), normalizer, reconstruct));
        JavaRDD<ExampleBlock> validation;
        long records;
        if (separate.isPresent()) {
            validation = load(scope, "validation", prepared(separate.get().all(sc, config.workers()), normalizer, reconstruct));
            records = validation.map(ExampleBlock::size).fold(0, Integer::sum);
        } else {
            // Nothing held out: the validation RDD stays unread (validate() skips it), so no job reads empty shards.
            records = split.plan().validationRecords();
            validation = records > 0 ? load(scope, "validation", prepared(split.validation(), normalizer, reconstruct))
                    : scope.keep(split.validation());
        }
        split.releaseIntermediates();
        if (!normalizer.identity() || reconstruct) {
            split.train().unpersist(false);
            split.validation().unpersist(false);
        }
        return new TrainingData(schema, split.plan(), train, validation, records, split.bad(), normalizer);
    }

    /** Validation data read as the training data was: the same image size, classes, feature count and target length. */
    private static DataConfig likeTraining(DataConfig input, DataSchema schema) {
        DataConfig same = input.withImageSize(schema.height() + "x" + schema.width()).withKnownClasses(schema.classNames())
                .withChannels(schema.image() ? schema.channels() : input.channels());
        same = schema.targetSequences() ? same.withTargetSequences(true, schema.targetSteps()) : same;
        return schema.image() ? same : same.withNumFeatures(schema.featureSize());
    }

    /** One pass over the training shards: the statistics the configured normalization is fitted from. */
    private static Normalizer fit(RunScope scope, JavaRDD<ExampleBlock> train, DataSchema schema, TrainConfig config) {
        Normalization method = config.input().normalize();
        if (method == Normalization.NONE) {
            return Normalizer.none();
        }
        scope.describe("fit " + method.flag() + " normalization");
        FeatureStats stats = Aggregation.treeAggregate(train, FeatureStats.empty(schema.normalizedSize()), FeatureStats::add,
                FeatureStats::merge, config.aggregationDepth());
        Normalizer normalizer = stats.fit(method);
        LOG.info("fitted {} on {} training records", normalizer.describe(), stats.count());
        return normalizer;
    }

    /**
     * The blocks, normalised as their minibatches are cut and, for reconstruction, with their own
     * features as targets: shared arrays, cached anew.
     */
    private static JavaRDD<ExampleBlock> prepared(JavaRDD<ExampleBlock> blocks, Normalizer normalizer, boolean reconstruct) {
        if (normalizer.identity() && !reconstruct) {
            return blocks;
        }
        return blocks.map(b -> reconstruct ? b.normalizedBy(normalizer).reconstructing() : b.normalizedBy(normalizer))
                .persist(StorageLevel.MEMORY_AND_DISK()).setName(blocks.name());
    }
    private static void checkSameShape(DataSchema training, InputData validation) {
        DataSchema other = validation.schema();
        if (other.featureSize() != training.featureSize() || !other.classNames().equals(training.classNames())
                || other.outputs() != training.outputs()) {
            throw new io.sparkdp.data.BadDataException("validation data " + validation.spec() + " has " + labelled(other)
                    + " but the training data has " + labelled(training));
        }
    }

    private static String labelled(DataSchema schema) {
        return schema.describe() + (schema.regression() ? " and " + schema.describeLabels() : " in classes " + schema.classNames());
    }

    private static JavaRDD<ExampleBlock> load(RunScope scope, String role, JavaRDD<ExampleBlock> blocks) {
        scope.describe("load " + role + " shards");
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
