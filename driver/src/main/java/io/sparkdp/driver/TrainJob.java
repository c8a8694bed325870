package io.sparkdp.driver;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.ShardPlan;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.listen.EpochReport;
import io.sparkdp.driver.listen.RoundReport;
import io.sparkdp.driver.listen.TrainingListener;
import io.sparkdp.driver.listen.ValidationMetrics;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.driver.spark.RunScope;
import io.sparkdp.driver.strategy.LearningRate;
import io.sparkdp.driver.strategy.RoundContext;
import io.sparkdp.driver.strategy.RoundOutcome;
import io.sparkdp.driver.strategy.Strategies;
import io.sparkdp.driver.strategy.TrainingStrategy;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.worker.EvaluationAccumulator;
import io.sparkdp.worker.Phase;
import io.sparkdp.worker.PhaseTimer;
import io.sparkdp.worker.RoundTask;
import io.sparkdp.worker.WorkerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run: load the shards, then for each epoch run its rounds through the strategy,
 * validate and report; finally save the model. The caller owns the Spark context.
 * <p>
 * Call order: construct, then {@link #fit()} once.
 */
public final class TrainJob {
    private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);
    private static final int EVAL_BATCH = 500;

    private final JavaSparkContext spark;
    private final TrainConfig config;
    private final TrainingStrategy strategy;
    private final List<TrainingListener> listeners;
    private final DataType dataType;

    /**
     * @param dataType the network's floating-point type (FLOAT, or DOUBLE for exact tests)
     */
    public TrainJob(JavaSparkContext spark, TrainConfig config, List<TrainingListener> listeners, DataType dataType) {
        this.spark = spark;
        this.config = config.workers() == 0 ? config.withWorkers(spark.defaultParallelism()) : config;
        TrainConfig.checkSplit(this.config.batchSize(), this.config.workers());
        this.strategy = Strategies.named(this.config.strategy());
        this.listeners = List.copyOf(listeners);
        this.dataType = dataType;
    }

    public TrainConfig config() {
        return config;
    }

    /** Trains, saves to the configured output, and returns the trained network. */
    public TrainResult fit() {
        ModelStore store = new ModelStore(spark.hadoopConfiguration());
        store.checkWritable(config.output(), config.overwrite());
        String runId = "sparkdp-train-" + UUID.randomUUID();
        try (RunScope scope = RunScope.open(spark, runId, "sparkdp train " + config.model() + " on " + config.data())) {
            Run run = start(scope, runId);
            List<EpochReport> epochs = new ArrayList<>();
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                epochs.add(epoch(run, epoch));
            }
            store.save(run.network(), config.output());
            LOG.info("saved model to {}", config.output());
            scope.succeeded();
            return new TrainResult(run.network(), epochs, config.output());
        }
    }

    /** Everything a run holds between rounds. */
    private record Run(RunScope scope, RoundContext rounds, JavaRDD<ExampleBlock> validation, ShardPlan plan) {
        MultiLayerNetwork network() {
            return rounds.network();
        }
    }

    private Run start(RunScope scope, String runId) {
        var hadoop = spark.hadoopConfiguration();
        IdxDataset data = IdxDataset.open(IdxSource.resolve(config.data(), IdxSource.Part.TRAIN, hadoop), hadoop);
        ShardPlan plan = ShardPlan.of(data.records(), config.limit(), config.validationSplit(), config.workers(), config.seed());
        InputShape shape = new InputShape(1, data.height(), data.width());
        int stepsPerEpoch = RoundTask.roundsPerEpoch(plan.trainShardSize(0), config.shardBatch());
        MultiLayerNetwork network = ModelZoo.build(config.model(), new ModelRequest(shape, data.source().numClasses(),
                config.seed(), config.optimizerConfig(stepsPerEpoch), dataType));
        WorkerContext worker = new WorkerContext(runId, scope.broadcast(network.getLayerWiseConfigurations().toJson()));
        JavaRDD<ExampleBlock> shards = load(scope, "training", data.trainShards(spark, plan));
        // Nothing held out: the validation RDD stays unread (validate() skips it), so no job reads empty shards.
        JavaRDD<ExampleBlock> validation = plan.validationRecords() > 0
                ? load(scope, "validation", data.validationShards(spark, plan))
                : scope.keep(data.validationShards(spark, plan));
        LOG.info("training {} ({} parameters) on {} records in {} shards of ~{}, {} held out; strategy {}{}, batch {} ({} per shard), lr {}",
                config.model(), network.numParams(), plan.trainRecords(), plan.shards(), plan.trainShardSize(0),
                plan.validationRecords(), strategy.name(), config.localSteps() > 1 ? " every " + config.localSteps() + " steps" : "",
                config.batchSize(), config.shardBatch(), config.effectiveLearningRate());
        RoundContext rounds = new RoundContext(spark, shards, plan.shards(), worker, network, config.aggregationDepth());
        return new Run(scope, rounds, validation, plan);
    }

    /** Reads and caches the shards now, so that I/O errors surface before training and round times exclude loading. */
    private static JavaRDD<ExampleBlock> load(RunScope scope, String role, JavaRDD<ExampleBlock> shards) {
        scope.describe("load " + role + " shards");
        PhaseTimer timer = new PhaseTimer();
        long blocks = timer.time(Phase.LOAD, shards::count);
        LOG.info("loaded {} {} shards in {} ms", blocks, role, Math.round(timer.totalMillis()));
        return scope.keep(shards);
    }

    private EpochReport epoch(Run run, int epoch) {
        int rounds = RoundTask.roundsPerEpoch(run.plan().trainShardSize(0), config.shardBatch(), config.localSteps());
        double trainMillis = 0;
        double lossSum = 0;
        long examples = 0;
        for (int r = 0; r < rounds; r++) {
            run.scope().describe("epoch " + (epoch + 1) + ", round " + (r + 1) + "/" + rounds + ": " + strategy.jobDescription());
            RoundTask task = new RoundTask(epoch, r, config.shardBatch(), config.localSteps(), config.seed());
            RoundOutcome.Completed done = round(run, task, rounds);
            trainMillis += done.timer().totalMillis();
            lossSum += done.meanLoss() * done.examples();
            examples += done.examples();
        }
        run.network().incrementEpochCount();
        EpochReport report = new EpochReport(epoch, lossSum / examples, examples, trainMillis / 1e3, validate(run, epoch));
        listeners.forEach(l -> l.onEpoch(report));
        return report;
    }

    private RoundOutcome.Completed round(Run run, RoundTask task, int rounds) {
        double learningRate = LearningRate.current(run.network());
        RoundOutcome outcome = strategy.round(run.rounds(), task);
        if (outcome instanceof RoundOutcome.Diverged diverged) {
            throw new TrainingDivergedException(task.epoch(), task.round(), diverged.reason());
        }
        RoundOutcome.Completed done = (RoundOutcome.Completed) outcome;
        RoundReport report = new RoundReport(task.epoch(), task.round(), rounds, done.examples(), done.meanLoss(),
                learningRate, done.timer().millisByPhase());
        listeners.forEach(l -> l.onRound(report));
        return done;
    }

    /** What validation measures on the held-out records; empty when none are held out. */
    private Optional<ValidationMetrics> validate(Run run, int epoch) {
        if (run.plan().validationRecords() == 0) {
            return Optional.empty();
        }
        run.scope().describe("epoch " + (epoch + 1) + ": validate");
        EvaluationAccumulator result = Evaluator.evaluate(spark, run.validation(), run.network(),
                run.rounds().worker(), EVAL_BATCH);
        return Optional.of(ValidationMetrics.of(result));
    }
}
