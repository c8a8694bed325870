package io.sparkdp.driver.config;

import io.sparkdp.data.DataConfig;
import io.sparkdp.data.DataSchema;
import io.sparkdp.data.Task;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.SequenceLabels;
import io.sparkdp.models.ModelOptions;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Everything a training run is asked to do. Immutable; every field is validated on
 * construction, and {@link #defaults()} is the one place defaults are declared. Build variations
 * with {@link #builder()}, which starts from the defaults.
 *
 * @param data             training data: {@code idx:<dir>}, {@code idx:<images>,<labels>} or
 *                         {@code images:<dir of class folders>} on any Hadoop URI
 * @param model            architecture name from the model zoo
 * @param epochs           passes over the training data, at least 1
 * @param batchSize        global minibatch per optimizer step, split evenly across the workers
 * @param workers          data-parallel shards; 0 means one per executor core Spark reports
 * @param output           Hadoop URI of the model zip to write
 * @param overwrite        whether an existing {@code output} may be replaced
 * @param strategy         how training is distributed: {@code sync} (gradient averaging every
 *                         step) or {@code average} (local SGD, parameters and optimizer state
 *                         averaged every {@code averageEvery} steps)
 * @param averageEvery     local steps per round for {@code average}, at least 1; ignored by sync
 * @param optimizer        optimizer name (adam, sgd, momentum, nesterov, rmsprop, adagrad, adadelta)
 * @param learningRate     optimizer step size, before scaling
 * @param lrReferenceBatch linear scaling rule: the step size becomes
 *                         {@code learningRate * batchSize / lrReferenceBatch}; 0 turns it off
 * @param warmupEpochs     epochs over which the step size ramps up linearly from near 0; 0 for none
 * @param seed             root seed of every random choice in the run
 * @param validationSplit  fraction of the training records held out for validation, in [0, 1);
 *                         must be 0 when {@code validation} names a data set
 * @param validation       a separate validation data set in the same format as {@code data}, or
 *                         {@value #NONE}
 * @param limit            use only the first {@code limit} training records; 0 means all
 * @param aggregationDepth depth of Spark's {@code treeAggregate}, at least 1
 * @param recovery         checkpoints, resume and divergence handling
 * @param recipe           model arguments, loss, initialisation, penalties, clipping and
 *                         learning-rate decay; a checkpoint written before recipes existed reads
 *                         as the defaults, which is what it trained with
 * @param input            how records of {@code data} and {@code validation} become examples, and
 *                         whether their labels are classes or regression targets ({@code --task});
 *                         a model that reconstructs its input makes the task reconstruction
 * @param earlyStopping    whether and when training stops once validation stops improving
 * @param transfer         transfer learning: the trained model the run starts from, the layers
 *                         kept frozen and the head replaced; with an init model, {@code model} is
 *                         its URI and the recipe's model arguments, loss, initialisation and
 *                         penalties must stay at their defaults (the init model brings its own)
 * @param averaging        with {@code average}: how the workers' models become the next shared
 *                         one (plain mean, or an outer step with slow momentum); a checkpoint
 *                         written before it existed reads as plain averaging, which it trained with
 */
public record TrainConfig(
        String data,
        String model,
        int epochs,
        int batchSize,
        int workers,
        String output,
        boolean overwrite,
        String strategy,
        int averageEvery,
        String optimizer,
        double learningRate,
        int lrReferenceBatch,
        double warmupEpochs,
        long seed,
        double validationSplit,
        int limit,
        int aggregationDepth,
        RecoveryConfig recovery,
        RecipeConfig recipe,
        String validation,
        DataConfig input,
        EarlyStoppingConfig earlyStopping,
        TransferConfig transfer,
        AveragingConfig averaging) {

    public static final String DEFAULT_DATA = "idx:/usr/share/datasets/fashion-mnist";
    /** No separate validation data set. */
    public static final String NONE = "none";
    /** Distribution strategies by name. */
    public static final List<String> STRATEGIES = List.of("sync", "average");

    public TrainConfig {
        require(data != null && !data.isBlank(), "--data is required");
        recipe = recipe == null ? RecipeConfig.defaults() : recipe;
        // A checkpoint written before these existed trained with their defaults.
        validation = validation == null ? NONE : validation;
        input = input == null ? DataConfig.defaults() : input;
        earlyStopping = earlyStopping == null ? EarlyStoppingConfig.defaults() : earlyStopping;
        transfer = transfer == null ? TransferConfig.defaults() : transfer;
        averaging = averaging == null ? AveragingConfig.PLAIN : averaging;
        if (transfer.enabled()) {
            model = transfer.initFrom();
            require(recipe.modelOptions().equals(ModelOptions.defaults()), "--model-arg, --loss, --weight-init, --l1 and --l2"
                    + " shape a new network; the init model " + transfer.initFrom() + " brings its own");
        } else {
            input = ModelZoo.reconstructs(model) && input.task() == Task.CLASSIFICATION ? input.withTask(Task.RECONSTRUCTION) : input;
            input = ModelZoo.onlyRegresses(model) && input.task() == Task.CLASSIFICATION ? input.withTask(Task.REGRESSION) : input;
            // A model that decodes sequences reads each labels file as a target sequence of its own length.
            input = ModelZoo.decodesSequences(model) && input.task() == Task.CLASSIFICATION && !input.targetSequences()
                    ? input.withTargetSequences(true, 0) : input;
            require(input.task() != Task.RECONSTRUCTION || ModelZoo.reconstructs(model), "--task reconstruction trains a model"
                    + " that reconstructs its input (autoencoder or vae), not " + model);
            ModelZoo.check(model, recipe.modelOptions(), input.regression());
        }
        require(!transfer.enabled() || input.task() != Task.RECONSTRUCTION, "--init-from adapts classifiers and regressors;"
                + " --task reconstruction trains a fresh autoencoder or vae");
        new OptimizerConfig(optimizer, learningRate);
        require(epochs >= 1, "--epochs must be at least 1, got " + epochs);
        require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
        require(workers >= 0, "--workers must be at least 1 (or 0 for one per executor core), got " + workers);
        require(output != null && !output.isBlank(), "--output is required");
        require(STRATEGIES.contains(strategy), "unknown strategy '" + strategy + "'; choose one of " + String.join(", ", STRATEGIES));
        require(averageEvery >= 1, "--average-every must be at least 1, got " + averageEvery);
        require(lrReferenceBatch >= 0, "--lr-reference-batch must be 0 (off) or positive, got " + lrReferenceBatch);
        require(warmupEpochs >= 0 && Double.isFinite(warmupEpochs), "--warmup-epochs must be 0 or more, got " + warmupEpochs);
        require(validationSplit >= 0 && validationSplit < 1, "--validation-split must be in [0, 1), got " + validationSplit);
        require(limit >= 0, "--limit must be 0 (all) or positive, got " + limit);
        require(aggregationDepth >= 1, "--aggregation-depth must be at least 1, got " + aggregationDepth);
        require(recovery != null, "recovery settings are required");
        require(!validation.isBlank(), "--validation must be a data spec or " + NONE);
        require(NONE.equals(validation) || validationSplit == 0, "use either --validation or --validation-split, not both");
        require(!earlyStopping.enabled() || validationSplit > 0 || !NONE.equals(validation),
                "--early-stopping-patience needs a validation set: set --validation-split above 0 or name one with --validation");
        checkPairMetric(model, earlyStopping);
        require(input.task() == Task.CLASSIFICATION || !earlyStopping.enabled()
                || earlyStopping.metric() == EarlyStoppingConfig.Metric.LOSS, "--early-stopping-metric "
                + earlyStopping.metric().label() + " is a classification metric; with --task " + input.task().flag()
                + " early stopping watches the validation loss (--early-stopping-metric loss)");
        if (workers > 0) {
            checkSplit(batchSize, workers);
        }
    }

    /** A Siamese model's validation is of pairs (loss or auc), and only its is. */
    private static void checkPairMetric(String model, EarlyStoppingConfig earlyStopping) {
        if (!earlyStopping.enabled() || earlyStopping.metric() == EarlyStoppingConfig.Metric.LOSS) {
            return;
        }
        boolean pairs = ModelZoo.ranksPairs(model);
        require(pairs == (earlyStopping.metric() == EarlyStoppingConfig.Metric.AUC), pairs
                ? "--early-stopping-metric " + earlyStopping.metric().label() + " is a classification metric; model " + model
                        + " is measured on pairs: watch auc or loss"
                : "--early-stopping-metric auc is the pair ROC AUC of a Siamese model (siamese), not of " + model);
    }

    /** The defaults: the Fashion-MNIST CNN of the quick start, trained synchronously with Adam. */
    public static TrainConfig defaults() {
        return new TrainConfig(DEFAULT_DATA, "cnn", 2, 128, 0, "runs/fashion-mnist-cnn.zip", false, "sync", 16,
                OptimizerConfig.DEFAULT_NAME, OptimizerConfig.DEFAULT_LEARNING_RATE, 0, 0, 42L, 0.1, 0, 2, RecoveryConfig.defaults(),
                RecipeConfig.defaults(), NONE, DataConfig.defaults(), EarlyStoppingConfig.defaults(),
                TransferConfig.defaults(), AveragingConfig.defaults());
    }

    public static Builder builder() {
        return new Builder(defaults());
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This configuration with the worker count settled. */
    public TrainConfig withWorkers(int resolvedWorkers) {
        return toBuilder().workers(resolvedWorkers).build();
    }

    /** Whether validation reads its own data set rather than holding records out of {@code data}. */
    public boolean separateValidation() {
        return !NONE.equals(validation);
    }

    /** Local optimizer steps per round: {@code averageEvery} for local SGD, 1 for sync. */
    public int localSteps() {
        return "average".equals(strategy) ? averageEvery : 1;
    }

    /** The step size after the linear scaling rule. */
    public double effectiveLearningRate() {
        return lrReferenceBatch == 0 ? learningRate : learningRate * batchSize / lrReferenceBatch;
    }

    /** The optimizer, with its warmup and decay converted to steps for an epoch of {@code stepsPerEpoch}. */
    public OptimizerConfig optimizerConfig(int stepsPerEpoch) {
        return new OptimizerConfig(optimizer, effectiveLearningRate(), (int) Math.round(warmupEpochs * stepsPerEpoch),
                recipe.schedule(stepsPerEpoch, epochs));
    }

    /**
     * What the model zoo builds this run's network from, for examples of {@code shape} and
     * {@code outputs} outputs: classes, or with {@code --task regression} targets.
     */
    public ModelRequest modelRequest(InputShape shape, int outputs, int stepsPerEpoch, DataType dataType) {
        return new ModelRequest(shape, outputs, seed, optimizerConfig(stepsPerEpoch), dataType, recipe.modelOptions(),
                input.regression());
    }

    /** The request for a model of {@code schema}'s shape, outputs and sequences. */
    public ModelRequest modelRequest(DataSchema schema, int stepsPerEpoch, DataType dataType) {
        SequenceLabels sequences = !schema.sequence() ? SequenceLabels.NONE : schema.targetSequences()
                ? SequenceLabels.TARGET_SEQUENCE : schema.stepLabels() ? SequenceLabels.PER_STEP : SequenceLabels.PER_SEQUENCE;
        return modelRequest(new InputShape(schema.channels(), schema.height(), schema.width()), schema.outputs(),
                stepsPerEpoch, dataType).forSequences(sequences);
    }

    /** Examples each worker takes per optimizer step. */
    public int shardBatch() {
        if (workers == 0) {
            throw new IllegalStateException("worker count not resolved yet");
        }
        return batchSize / workers;
    }

    /** Fails unless {@code batchSize} splits evenly across {@code workers}. */
    public static void checkSplit(int batchSize, int workers) {
        require(batchSize >= workers, "--batch-size " + batchSize + " is smaller than the " + workers
                + " workers: each worker needs at least one example per round");
        require(batchSize % workers == 0, "--batch-size " + batchSize + " does not split evenly across " + workers
                + " workers; use a multiple of " + workers);
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A thin front for {@link TrainConfig}: starts from a configuration, changes fields, validates on {@link #build()}. */
    public static final class Builder {
        private String data;
        private String model;
        private int epochs;
        private int batchSize;
        private int workers;
        private String output;
        private boolean overwrite;
        private String strategy;
        private int averageEvery;
        private String optimizer;
        private double learningRate;
        private int lrReferenceBatch;
        private double warmupEpochs;
        private long seed;
        private double validationSplit;
        private int limit;
        private int aggregationDepth;
        private RecoveryConfig recovery;
        private RecipeConfig recipe;
        private String validation;
        private DataConfig input;
        private EarlyStoppingConfig earlyStopping;
        private TransferConfig transfer;
        private AveragingConfig averaging;

        Builder(TrainConfig from) {
            this.data = from.data();
            this.model = from.model();
            this.epochs = from.epochs();
            this.batchSize = from.batchSize();
            this.workers = from.workers();
            this.output = from.output();
            this.overwrite = from.overwrite();
            this.strategy = from.strategy();
            this.averageEvery = from.averageEvery();
            this.optimizer = from.optimizer();
            this.learningRate = from.learningRate();
            this.lrReferenceBatch = from.lrReferenceBatch();
            this.warmupEpochs = from.warmupEpochs();
            this.seed = from.seed();
            this.validationSplit = from.validationSplit();
            this.limit = from.limit();
            this.aggregationDepth = from.aggregationDepth();
            this.recovery = from.recovery();
            this.recipe = from.recipe();
            this.validation = from.validation();
            this.input = from.input();
            this.earlyStopping = from.earlyStopping();
            this.transfer = from.transfer();
            this.averaging = from.averaging();
        }

        public Builder data(String data) {
            this.data = data;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder output(String output) {
            this.output = output;
            return this;
        }

        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        public Builder strategy(String strategy) {
            this.strategy = strategy;
            return this;
        }

        public Builder averageEvery(int averageEvery) {
            this.averageEvery = averageEvery;
            return this;
        }

        public Builder optimizer(String optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder lrReferenceBatch(int lrReferenceBatch) {
            this.lrReferenceBatch = lrReferenceBatch;
            return this;
        }

        public Builder warmupEpochs(double warmupEpochs) {
            this.warmupEpochs = warmupEpochs;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder validationSplit(double validationSplit) {
            this.validationSplit = validationSplit;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder aggregationDepth(int aggregationDepth) {
            this.aggregationDepth = aggregationDepth;
            return this;
        }

        public Builder recovery(RecoveryConfig recovery) {
            this.recovery = recovery;
            return this;
        }

        public Builder recipe(RecipeConfig recipe) {
            this.recipe = recipe;
            return this;
        }

        public Builder validation(String validation) {
            this.validation = validation;
            return this;
        }

        public Builder input(DataConfig input) {
            this.input = input;
            return this;
        }

        public Builder earlyStopping(EarlyStoppingConfig earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        public Builder transfer(TransferConfig transfer) {
            this.transfer = transfer;
            return this;
        }

        public Builder averaging(AveragingConfig averaging) {
            this.averaging = averaging;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(data, model, epochs, batchSize, workers, output, overwrite, strategy, averageEvery,
                    optimizer, learningRate, lrReferenceBatch, warmupEpochs, seed, validationSplit, limit, aggregationDepth,
                    recovery, recipe, validation, input, earlyStopping, transfer, averaging);
        }
    }
}
