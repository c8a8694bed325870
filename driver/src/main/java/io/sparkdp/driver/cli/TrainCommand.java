package io.sparkdp.driver.cli;

import io.sparkdp.data.Task;
import io.sparkdp.driver.TrainJob;
import io.sparkdp.driver.TrainResult;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.listen.ConsoleReporter;
import io.sparkdp.driver.spark.SparkContexts;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a network data-parallel on Spark and save it as a DL4J model zip.",
        footer = "%nExample:%n  sparkdp train --data idx:/usr/share/datasets/fashion-mnist --model mlp --epochs 1 --output runs/mlp.zip")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "SPEC", description = "training data on any Hadoop URI: idx:<dir>, idx:<images>,<labels> or images:<dir of class folders> (default: ${DEFAULT-VALUE})")
    String data;
    @Option(names = "--task", paramLabel = "classification|regression|reconstruction", description = "what the labels are: classes, real-valued targets (csv:, libsvm:, parquet: data with models mlp and linear; csvseq: sequences with lstm, bilstm, gru and forecast; linear and forecast imply it), or the features themselves (models autoencoder and vae, which imply it) (default: ${DEFAULT-VALUE})")
    String task;
    @Option(names = "--model", paramLabel = "NAME", description = "architecture: perceptron, logistic, softmax, linear, mlp, cnn, lenet, vgg16, resnet, autoencoder or vae; 'sparkdp models' lists them (default: ${DEFAULT-VALUE})")
    String model;
    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training data (default: ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--batch-size", paramLabel = "B", description = "global minibatch per round, split evenly across the workers (default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--workers", paramLabel = "W", description = "data-parallel shards; 0 = one per executor core (default: ${DEFAULT-VALUE})")
    int workers;
    @Option(names = "--output", paramLabel = "URI", description = "where to save the model zip, any Hadoop URI (default: ${DEFAULT-VALUE})")
    String output;
    @Option(names = "--overwrite", description = "replace an existing model at --output")
    boolean overwrite;
    @Option(names = "--strategy", paramLabel = "NAME", description = "how to distribute: sync (average gradients every step) or average (local SGD) (default: ${DEFAULT-VALUE})")
    String strategy;
    @Option(names = "--average-every", paramLabel = "K", description = "with --strategy average: local steps between averages of parameters and optimizer state (default: ${DEFAULT-VALUE})")
    int averageEvery;
    @Option(names = "--optimizer", paramLabel = "NAME", description = "adam, sgd, momentum, nesterov, rmsprop, adagrad or adadelta (default: ${DEFAULT-VALUE})")
    String optimizer;
    @Option(names = {"--lr", "--learning-rate"}, paramLabel = "RATE", description = "learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;
    @Option(names = "--lr-reference-batch", paramLabel = "R", description = "linear scaling rule: use lr * batch-size / R; 0 = off (default: ${DEFAULT-VALUE})")
    int lrReferenceBatch;
    @Option(names = "--warmup-epochs", paramLabel = "E", description = "ramp the learning rate up linearly over E epochs; 0 = off (default: ${DEFAULT-VALUE})")
    double warmupEpochs;
    @Option(names = "--seed", paramLabel = "N", description = "root seed of the run (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--validation-split", paramLabel = "F", description = "fraction of training records held out for validation (default: ${DEFAULT-VALUE})")
    double validationSplit;
    @Option(names = "--validation", paramLabel = "SPEC", description = "a separate validation data set, in a format --data reads; none = hold out --validation-split of the training data (default: ${DEFAULT-VALUE})")
    String validation;
    @Option(names = "--limit", paramLabel = "N", description = "use only the first N training records; 0 = all (default: ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--aggregation-depth", paramLabel = "D", description = "treeAggregate depth (default: ${DEFAULT-VALUE})")
    int aggregationDepth;
    @Mixin
    SparkOptions spark;
    @Mixin
    RecipeOptions recipe;
    @Mixin
    RecoveryOptions recovery;
    @Mixin
    DataOptions input;
    @Spec
    CommandSpec spec;
    @Mixin
    EarlyStoppingOptions earlyStopping;
    @Mixin
    TransferOptions transfer;
    @Mixin
    AveragingOptions averaging;

    @Override
    public Integer call() {
        // A separate validation set replaces the held-out fraction unless one is asked for too (which is refused).
        boolean separate = !TrainConfig.NONE.equals(validation);
        double split = separate && !spec.commandLine().getParseResult().hasMatchedOption("--validation-split") ? 0 : validationSplit;
        TrainConfig config = new TrainConfig(data, model, epochs, batchSize, workers, output, overwrite, strategy,
                averageEvery, optimizer, learningRate, lrReferenceBatch, warmupEpochs, seed, split, limit,
                aggregationDepth, recovery.toConfig(), recipe.toConfig(), validation, input.toConfig().withTask(Task.parse(task)),
                earlyStopping.toConfig(), transfer.toConfig(spec.commandLine().getParseResult().hasMatchedOption("--model")),
                averaging.toConfig());
        try (JavaSparkContext sc = SparkContexts.open("sparkdp train", spark.master);
             ConsoleReporter console = new ConsoleReporter(System.out, 10)) {
            TrainResult result = new TrainJob(sc, config, List.of(console), DataType.FLOAT).fit();
            if (result.skipped().count() > 0) {
                System.out.println(result.skipped().summary(config.data()));
            }
            System.out.println("saved model to " + result.output());
            result.checkpointDir().ifPresent(dir -> System.out.println("checkpoints and metrics in " + dir
                    + "; draw them with: sparkdp report --run " + dir));
            return 0;
        }
    }
}
