package io.sparkdp.driver.score;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.DataSchema;
import io.sparkdp.data.HadoopConf;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.ImageDecoder;
import io.sparkdp.data.ShardPlan;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.driver.spark.RunScope;
import io.sparkdp.driver.spark.SparkContexts;
import io.sparkdp.worker.FlatVector;
import io.sparkdp.worker.WorkerContext;
import java.io.IOException;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.catalyst.InternalRow;
import io.sparkdp.models.network.Network;

/**
 * Scores every image or row of the input with a saved model and writes one row per input (see
 * {@link ScoreRows}) through Spark's DataFrame writer, whose output committer publishes the
 * result only when every task succeeded: a failed run leaves no partial output behind.
 * <p>
 * Everything that can be checked on the driver is checked before any task runs: the model, its
 * input shape against the data, the input path and the output location.
 */
public final class ScoreJob {
    private static final long PROGRESS_EVERY_SECONDS = 10;
    /** Image partitions per executor core: a few, so that a slow task does not hold up the rest. */
    private static final int TASKS_PER_CORE = 4;

    private final JavaSparkContext spark;
    private final ScoreConfig config;
    private final Consumer<String> progress;

    /** @param progress receives a progress line every few seconds while the job runs */
    public ScoreJob(JavaSparkContext spark, ScoreConfig config, Consumer<String> progress) {
        this.spark = spark;
        this.config = config;
        this.progress = progress;
    }

    public ScoreSummary run() {
        long start = System.nanoTime();
        ModelStore.StoredModel stored = new ModelStore(spark.hadoopConfiguration()).loadForInference(config.model());
        ModelInput model = ModelInput.of(stored);
        Network network = stored.model();
        ImageDecoder decoder = decoder(model);
        checkInputExists();
        checkOutput();
        String runId = "sparkdp-score-" + UUID.randomUUID();
        try (RunScope scope = RunScope.open(spark, runId, "sparkdp score " + config.input())) {
            ScoreTask task = new ScoreTask(new WorkerContext(runId, scope.broadcast(network.configuration().toJson())),
                    scope.broadcast(FlatVector.of(network.params())), decoder, config.batchSize(), model.output(config.topK()),
                    model, spark.sc().longAccumulator("examples scored"), spark.sc().longAccumulator("bad inputs"));
            JavaRDD<ScoreInput> inputs = config.tabularInput() ? TabularSource.open(spark, scope, config, model)
                    : config.sequenceInput() ? SequenceSource.open(spark, scope, config, model,
                            TASKS_PER_CORE * spark.defaultParallelism())
                    : config.imagesInput() ? ImageReads.open(spark, scope.broadcast(new HadoopConf(spark.hadoopConfiguration())),
                            config.inputPath(), TASKS_PER_CORE * spark.defaultParallelism())
                    : idxRecords(scope, model);
            scope.describe("score " + config.input() + " with " + config.model() + " into " + config.output());
            try (ScoreProgress shown = System.console() != null ? ScoreProgress.startBar(task.scored(), task.bad(), System.err)
                    : ScoreProgress.start(task.scored(), task.bad(), PROGRESS_EVERY_SECONDS, progress)) {
                write(inputs.mapPartitions(partition -> ScoreWorker.score(partition, task)), task.rows());
            }
            ScoreSummary summary = count(task, (System.nanoTime() - start) / 1e9);
            scope.succeeded();
            return summary;
        }
    }

    /**
     * The decoder of the input's image files into the model's input; for rows and sequences, which
     * arrive as numbers, a {@code 1 x features} decoder that no input uses.
     *
     * @throws BadDataException for sequences and a model that does not read them, or the reverse
     */
    private ImageDecoder decoder(ModelInput model) {
        if (config.sequenceInput() && !model.sequence()) {
            throw new BadDataException("the model reads " + model.shape() + ", not sequences; score "
                    + (model.schema().image() ? "images:, idx:, " : "") + "csv: or parquet: input with it");
        }
        if (model.sequence() && !config.sequenceInput()) {
            throw new BadDataException("the model reads " + model.shape() + "; score csvseq: input with it");
        }
        return config.tabularInput() || config.sequenceInput() ? new ImageDecoder(1, model.features()) : model.decoder();
    }

    private JavaRDD<ScoreInput> idxRecords(RunScope scope, ModelInput model) {
        IdxDataset data = IdxDataset.open(IdxSource.resolve(config.input(), IdxSource.Part.TEST,
                spark.hadoopConfiguration()), spark.hadoopConfiguration());
        DataSchema expected = model.schema();
        if (data.height() != expected.height() || data.width() != expected.width() || expected.channels() != 1) {
            throw new BadDataException("input images are " + data.height() + "x" + data.width()
                    + " but the model expects " + model.shape() + " (" + config.input() + ")");
        }
        ShardPlan plan = data.wholePlan(spark.defaultParallelism());
        return scope.keep(data.allShards(spark, spark.defaultParallelism())).flatMap(block -> {
            int[] records = plan.trainShard(block.shard());
            return java.util.stream.IntStream.range(0, block.size())
                    .mapToObj(i -> (ScoreInput) new ScoreInput.Record(Integer.toString(records[i]), block, i)).iterator();
        });
    }

    /**
     * Writes Spark's internal rows as they are, through {@code internalCreateDataFrame}: Spark SQL's
     * own entry for rows already in its internal form (package-private in Scala, so public to Java).
     * The public {@code createDataFrame} would take external rows and convert every field again.
     */
    private void write(JavaRDD<InternalRow> rows, ScoreRows.Output output) {
        Dataset<Row> frame = SparkContexts.session(spark).internalCreateDataFrame(rows.rdd(), output.schema(), false);
        ScoreRows.forFormat(frame, config.outputFormat()).write()
                .mode(config.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
                .options(ScoreRows.writeOptions(config.outputFormat(), output))
                .format(config.outputFormat().sparkSource())
                .save(config.output());
    }

    /**
     * The rows and errors written, from the task counters rather than by reading the output back
     * (a second job that cost 0.2 to 0.9 s, as much as scoring 10,000 MLP images). They are exact:
     * the write job's tasks are result tasks, whose counter updates Spark's scheduler adds once
     * per partition, from the attempt that succeeded; a failed, killed or commit-denied attempt
     * adds nothing ({@code LongAccumulator} does not count failed values).
     */
    private ScoreSummary count(ScoreTask task, double seconds) {
        long bad = task.bad().value();
        return new ScoreSummary(task.scored().value() + bad, bad, seconds, config.tabularInput() ? "rows"
                : config.sequenceInput() ? "sequences" : "images");
    }

    private void checkInputExists() {
        if (config.input().startsWith(ScoreConfig.IDX_PREFIX)) {
            return; // IdxSource.resolve reports a missing idx: path itself
        }
        // csvseq:<features>,<labels> names two directories; only the features are read
        String location = config.sequenceInput() ? config.inputPath().split(",", 2)[0] : config.inputPath();
        try {
            Path path = new Path(location);
            if (!path.getFileSystem(spark.hadoopConfiguration()).exists(path)) {
                throw new BadDataException("input path does not exist: " + location);
            }
        } catch (IOException e) {
            throw new BadDataException("cannot read input " + location + ": " + e.getMessage(), e);
        }
    }

    private void checkOutput() {
        try {
            Path path = new Path(config.output());
            if (!config.overwrite() && path.getFileSystem(spark.hadoopConfiguration()).exists(path)) {
                throw new ModelStore.StorageException("output " + config.output()
                        + " already exists; pass --overwrite to replace it");
            }
        } catch (IOException e) {
            throw new ModelStore.StorageException("cannot check output " + config.output() + ": " + e.getMessage(), e);
        }
    }
}
