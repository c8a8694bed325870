package io.sparkdp.driver.cli;

import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.models.ModelArgs;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code train}'s options for model arguments, loss, initialisation, penalties, clipping and decay; defaults come from {@link RecipeConfig#defaults()}. */
final class RecipeOptions {
    @Option(names = "--model-arg", paramLabel = "KEY=VALUE",
            description = "a model argument, repeatable: --model-arg hidden=512,256 --model-arg dropout=0.3 (a comma before key= also separates: hidden=512,256,dropout=0.3); 'sparkdp models' lists each model's")
    List<String> modelArgs = new ArrayList<>();
    @Option(names = "--loss", paramLabel = "NAME",
            description = "auto (the model's own), mse, mae, binary-crossentropy, categorical-crossentropy or hinge (default: ${DEFAULT-VALUE})")
    String loss;
    @Option(names = "--weight-init", paramLabel = "NAME", description = "auto (each layer's own), xavier, he or normal (default: ${DEFAULT-VALUE})")
    String weightInit;
    @Option(names = "--l1", paramLabel = "C", description = "L1 penalty on the weights; 0 = off (default: ${DEFAULT-VALUE})")
    double l1;
    @Option(names = "--l2", paramLabel = "C", description = "L2 penalty on the weights; 0 = off (default: ${DEFAULT-VALUE})")
    double l2;
    @Option(names = "--clip-norm", paramLabel = "N",
            description = "scale each step's mean gradient down to global L2 norm N (sync: the averaged gradient; average: every local step); 0 = off (default: ${DEFAULT-VALUE})")
    double clipNorm;
    @Option(names = "--clip-value", paramLabel = "V", description = "clamp each component of each step's mean gradient to [-V, V]; 0 = off (default: ${DEFAULT-VALUE})")
    double clipValue;
    @Option(names = "--lr-schedule", paramLabel = "NAME",
            description = "learning-rate decay after any warmup: none, step, exponential or cosine (to 0 at the last epoch) (default: ${DEFAULT-VALUE})")
    String lrSchedule;
    @Option(names = "--lr-decay", paramLabel = "F", description = "step and exponential: multiply the rate by F every --lr-decay-epochs (default: ${DEFAULT-VALUE})")
    double lrDecay;
    @Option(names = "--lr-decay-epochs", paramLabel = "E", description = "step and exponential: epochs per decay (default: ${DEFAULT-VALUE})")
    double lrDecayEpochs;

    RecipeConfig toConfig() {
        return new RecipeConfig(ModelArgs.parse(modelArgs), loss, weightInit, l1, l2, clipNorm, clipValue, lrSchedule,
                lrDecay, lrDecayEpochs);
    }
}
