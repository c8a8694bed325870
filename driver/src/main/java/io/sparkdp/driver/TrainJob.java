package io.sparkdp.driver;

import io.sparkdp.data.DataSchema;
import io.sparkdp.data.ShardPlan;
import io.sparkdp.driver.checkpoint.Checkpoint;
import io.sparkdp.driver.checkpoint.Checkpointing;
import io.sparkdp.driver.checkpoint.Provenance;
import io.sparkdp.driver.checkpoint.ResumeCompatibility;
import io.sparkdp.driver.checkpoint.TrainingState;
import io.sparkdp.driver.config.EarlyStoppingConfig;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.config.TransferConfig;
import io.sparkdp.driver.config.ConfigJson;
import io.sparkdp.driver.listen.EpochReport;
import io.sparkdp.driver.listen.MetricsWriter;
import io.sparkdp.driver.listen.RoundReport;
import io.sparkdp.driver.listen.TrainingEnd;
import io.sparkdp.driver.listen.TrainingListener;
import io.sparkdp.driver.model.InitModel;
import io.sparkdp.driver.model.ModelMetadata;
import io.sparkdp.driver.model.ModelSource;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.driver.spark.RunScope;
import io.sparkdp.driver.strategy.LearningRate;
import io.sparkdp.driver.strategy.RoundContext;
import io.sparkdp.driver.strategy.RoundOutcome;
import io.sparkdp.driver.strategy.Strategies;
import io.sparkdp.driver.strategy.TrainingStrategy;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.Transfer;
import io.sparkdp.worker.EvaluationMetrics;
import io.sparkdp.worker.RoundTask;
import io.sparkdp.worker.WorkerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run: resume or start, load the shards, then for each epoch run its rounds through
 * the strategy, validate, report and checkpoint, until the epochs are done or early stopping's
 * patience runs out; finally save the model: with early stopping, the best epoch's. Beside the
 * checkpoints the run appends {@code metrics.jsonl}. The caller owns the Spark context.
 * <p>
 * Call order: construct, then {@link #fit()} once.
 */
public final class TrainJob {
    private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);
    private static final int EVAL_BATCH = 500;

    private final JavaSparkContext spark;
    private final boolean autoWorkers;
    private final TrainingStrategy strategy;
    private final List<TrainingListener> listeners;
    private final DataType dataType;
    private TrainConfig config;
    /** The best epoch's network, kept for early stopping; empty until an epoch is the best. */
    private Optional<Network> best = Optional.empty();

    /**
     * @param dataType the network's floating-point type (FLOAT, or DOUBLE for exact tests)
     */
    public TrainJob(JavaSparkContext spark, TrainConfig config, List<TrainingListener> listeners, DataType dataType) {
        this.spark = spark;
        this.autoWorkers = config.workers() == 0;
        this.config = autoWorkers ? config.withWorkers(spark.defaultParallelism()) : config;
        TrainConfig.checkSplit(this.config.batchSize(), this.config.workers());
        this.strategy = Strategies.of(this.config);
        this.listeners = List.copyOf(listeners);
        this.dataType = dataType;
    }

    /** The run's configuration; after {@link #fit()} resumed, the one it continued with. */
    public TrainConfig config() {
        return config;
    }

    /** Trains, checkpointing as configured, saves to the configured output, and returns the trained network. */
    public TrainResult fit() {
        ModelStore store = new ModelStore(spark.hadoopConfiguration());
        store.checkWritable(config.output(), config.overwrite());
        Checkpointing checkpoints = Checkpointing.open(config, spark.hadoopConfiguration());
        Optional<Checkpoint> resumed = checkpoints.resumePoint(config.overwrite());
        resumed.ifPresent(c -> config = ResumeCompatibility.reconcile(config, autoWorkers, c));
        String runId = "sparkdp-train-" + UUID.randomUUID();
        try (RunScope scope = RunScope.open(spark, runId, "sparkdp train " + config.model() + " on " + config.data())) {
            Run run = start(scope, runId, resumed, checkpoints);
            TrainingState state = train(run);
            Network output = config.earlyStopping().enabled() ? best.orElse(run.network()) : run.network();
            store.save(output, ModelMetadata.of(run.data().schema(), run.data().normalizer(), config.input().task()),
                    config.output());
            LOG.info("saved model to {}", config.output());
            scope.succeeded();
            return new TrainResult(output, state.history(), config.output(), checkpoints.directory(), run.data().bad(), end(state));
        }
    }

    /** The epochs that remain, until early stopping's patience runs out; the metrics file is closed however they end. */
    private TrainingState train(Run run) {
        try {
            TrainingState state = run.initial();
            while (state.epoch() < config.epochs() && !state.stoppedEarly()) {
                state = epoch(run, state);
            }
            TrainingEnd end = end(state);
            run.listeners().forEach(l -> l.onEnd(end));
            return state;
        } finally {
            run.metrics().ifPresent(MetricsWriter::close);
        }
    }

    /** How the run ended: the epochs done, and with early stopping whether it stopped and which epoch it kept. */
    private TrainingEnd end(TrainingState state) {
        EarlyStoppingConfig stopping = config.earlyStopping();
        Optional<TrainingEnd.BestEpoch> kept = stopping.enabled() ? state.earlyStopping().best()
                .map(b -> new TrainingEnd.BestEpoch(b.epoch(), stopping.metric().label(), b.value())) : Optional.empty();
        return new TrainingEnd(state.epoch(), state.stoppedEarly() ? TrainingEnd.Reason.EARLY_STOPPING : TrainingEnd.Reason.EPOCHS,
                stopping.patience(), kept);
    }

    /** Everything a run holds between rounds. */
    private record Run(RunScope scope, RoundContext rounds, TrainingData data, Checkpointing checkpoints,
                       TrainingState initial, Optional<MetricsWriter> metrics, List<TrainingListener> listeners) {
        Network network() {
            return rounds.network();
        }
    }

    private Run start(RunScope scope, String runId, Optional<Checkpoint> resumed, Checkpointing checkpoints) {
        TrainingData data = TrainingData.load(scope, config, resumed.map(c -> c.state().normalizer()));
        ShardPlan plan = data.plan();
        DataSchema schema = data.schema();
        InputShape shape = new InputShape(schema.channels(), schema.height(), schema.width());
        int stepsPerEpoch = RoundTask.roundsPerEpoch(plan.trainShardSize(0), config.shardBatch());
        Optional<InitModel> init = resumed.isEmpty() && config.transfer().enabled()
                ? Optional.of(InitModel.load(config.transfer().initFrom(), spark.hadoopConfiguration())) : Optional.empty();
        Network network = resumed.map(Checkpoint::model).orElseGet(() -> init.map(i -> transferred(i, schema, stepsPerEpoch))
                .orElseGet(() -> ModelSource.build(config.model(), config.modelRequest(schema, stepsPerEpoch, dataType),
                        schema, spark.hadoopConfiguration())));
        Provenance provenance = Provenance.current(spark.version(), data.sources(config)).withInitModel(resumed
                .map(c -> c.state().provenance().initModel()).orElseGet(() -> init.map(InitModel::origin)));
        TrainingState initial = resumed.map(c -> c.state().continuedAs(config, provenance))
                .orElseGet(() -> TrainingState.fresh(config, data.normalizer(), provenance));
        best = resumed.flatMap(Checkpoint::best);
        resumed.flatMap(Checkpoint::strategyState).ifPresent(saved -> strategy.restore(saved, network));
        if (config.earlyStopping().enabled() && data.validationRecords() == 0) {
            throw new IllegalArgumentException("--early-stopping-patience needs validation records, but --validation-split "
                    + config.validationSplit() + " of " + plan.records() + " records holds none out");
        }
        WorkerContext worker = new WorkerContext(runId, scope.broadcast(network.configuration().toJson()),
                config.recipe().clipping());
        LOG.info("training {} ({} parameters) on {} records ({}, {}) in {} shards of ~{}, {} for validation; strategy {}{}, batch {} ({} per shard), lr {}; checkpoints: {}",
                config.model(), network.numParams(), plan.trainRecords(), schema.describe(), schema.describeLabels(), plan.shards(),
                plan.trainShardSize(0), data.validationRecords(), strategy.name(), "average".equals(config.strategy()) ? " every " + config.localSteps() + " steps ("
                        + config.averaging().describe() + ")" : "",
                config.batchSize(), config.shardBatch(), config.effectiveLearningRate(), checkpoints.directory().orElse("none"));
        RoundContext rounds = new RoundContext(spark, data.train(), plan.shards(), worker, network, config.aggregationDepth());
        Optional<MetricsWriter> metrics = checkpoints.directory().map(dir -> MetricsWriter.open(spark.hadoopConfiguration(),
                dir, ConfigJson.tree(config), ConfigJson.tree(provenance), resumed.isPresent()));
        List<TrainingListener> all = new ArrayList<>(listeners);
        metrics.ifPresent(all::add);
        return new Run(scope, rounds, data, checkpoints, initial, metrics, List.copyOf(all));
    }

    /**
     * The init model adapted as {@code --freeze-up-to} and {@code --replace-head} say, trained with
     * this run's optimizer from a fresh state, its new head seeded by the run's seed.
     */
    private Network transferred(InitModel init, DataSchema schema, int stepsPerEpoch) {
        TransferConfig transfer = config.transfer();
        Optional<String> freeze = transfer.freezes() ? Optional.of(transfer.freezeUpTo()) : Optional.empty();
        Network network = ModelSource.adapt(init, new Transfer.Plan(freeze, transfer.replaceHead(),
                config.optimizerConfig(stepsPerEpoch).toUpdater(), config.seed()), schema);
        LOG.info("starting from {} ({}); frozen layers: {}", init.origin().uri(), init.origin().source(),
                Transfer.frozenLayers(network).isEmpty() ? "none" : String.join(", ", Transfer.frozenLayers(network)));
        return network;
    }

    /** Runs what remains of {@code state}'s epoch, validates, reports and checkpoints; returns the next epoch's state. */
    private TrainingState epoch(Run run, TrainingState state) {
        int epoch = state.epoch();
        int rounds = RoundTask.roundsPerEpoch(run.data().plan().trainShardSize(0), config.shardBatch(), config.localSteps());
        for (int r = state.round(); r < rounds; r++) {
            run.scope().describe("epoch " + (epoch + 1) + ", round " + (r + 1) + "/" + rounds + ": " + strategy.jobDescription());
            state = round(run, new RoundTask(epoch, r, config.shardBatch(), config.localSteps(), config.seed()), rounds, state);
            run.checkpoints().afterRound(state, saved(run));
        }
        run.network().incrementEpochCount();
        EpochReport report = new EpochReport(epoch, state.tally().meanLoss(), state.tally().examples(),
                state.tally().trainSeconds(), validate(run, epoch));
        run.listeners().forEach(l -> l.onEpoch(report));
        TrainingState next = state.afterEpoch(report);
        if (config.earlyStopping().enabled() && next.earlyStopping().bestIs(epoch)) {
            best = Optional.of(run.network().copy());
        }
        run.checkpoints().afterEpoch(next, saved(run));
        return next;
    }

    /** What a checkpoint of the run saves now: the network, the best epoch's and the strategy's driver state. */
    private Checkpointing.Saved saved(Run run) {
        return new Checkpointing.Saved(run.network(), best, strategy.state());
    }

    private TrainingState round(Run run, RoundTask task, int rounds, TrainingState state) {
        double learningRate = LearningRate.current(run.network());
        RoundOutcome outcome = strategy.round(run.rounds(), task);
        if (outcome instanceof RoundOutcome.Diverged diverged) {
            return skipOrStop(task, diverged, state);
        }
        RoundOutcome.Completed done = (RoundOutcome.Completed) outcome;
        RoundReport report = new RoundReport(task.epoch(), task.round(), rounds, done.examples(), done.meanLoss(),
                learningRate, done.timer().millisByPhase());
        run.listeners().forEach(l -> l.onRound(report));
        return state.afterRound(done.meanLoss(), done.examples(), done.timer().totalMillis() / 1e3);
    }

    /** A diverged round stops the run, or with {@code --on-divergence skip} is passed over with the model unchanged. */
    private TrainingState skipOrStop(RoundTask task, RoundOutcome.Diverged diverged, TrainingState state) {
        boolean skip = config.recovery().onDivergence() == RecoveryConfig.Divergence.SKIP;
        if (!skip || state.skippedInARow() + 1 >= RecoveryConfig.MAX_SKIPPED_IN_A_ROW) {
            String why = skip ? diverged.reason() + ", the " + RecoveryConfig.MAX_SKIPPED_IN_A_ROW + "th diverged round in a row"
                    : diverged.reason();
            throw new TrainingDivergedException(task.epoch(), task.round(), why);
        }
        LOG.warn("epoch {} round {} diverged ({}); skipped, the model is unchanged", task.epoch() + 1, task.round() + 1,
                diverged.reason());
        return state.afterSkippedRound();
    }

    /** What validation measures on the held-out records; empty when none are held out. */
    private Optional<EvaluationMetrics> validate(Run run, int epoch) {
        if (run.data().validationRecords() == 0) {
            return Optional.empty();
        }
        run.scope().describe("epoch " + (epoch + 1) + ": validate");
        return Optional.of(Evaluator.evaluate(spark, run.data().validation(), run.network(), run.rounds().worker(),
                new Evaluator.Request(run.data().schema(), EvaluateConfig.DEFAULT_TOP_K, EVAL_BATCH, config.input().task())));
    }
}
