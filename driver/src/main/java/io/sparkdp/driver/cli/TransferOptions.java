package io.sparkdp.driver.cli;

import io.sparkdp.driver.config.TransferConfig;
import picocli.CommandLine.Option;

/** {@code train}'s transfer-learning options; defaults come from {@link TransferConfig#defaults()}. */
final class TransferOptions {
    @Option(names = "--init-from", paramLabel = "URI",
            description = "start from a trained model: a model zip, or a checkpoint directory (its newest good checkpoint), on any Hadoop URI; its parameters are kept, the optimizer starts fresh; none = a new network (default: ${DEFAULT-VALUE})")
    String initFrom;
    @Option(names = "--freeze-up-to", paramLabel = "LAYER",
            description = "with --init-from: keep the layers up to and including LAYER (an index or a layer name such as layer1; an unknown one is refused with the list) fixed; none = train every layer (default: ${DEFAULT-VALUE})")
    String freezeUpTo;
    @Option(names = "--replace-head", paramLabel = "CLASSES",
            description = "with --init-from: replace the output layer by a fresh one of CLASSES outputs, seeded by --seed; 0 = keep it (default: ${DEFAULT-VALUE})")
    int replaceHead;

    /** The configuration; {@code modelGiven} says whether {@code --model} was on the command line, which an init model replaces. */
    TransferConfig toConfig(boolean modelGiven) {
        TransferConfig config = new TransferConfig(initFrom, freezeUpTo, replaceHead);
        if (config.enabled() && modelGiven) {
            throw new IllegalArgumentException("--model and --init-from both say where the network comes from; give one");
        }
        return config;
    }
}
