package io.sparkdp.driver.cli;

import io.sparkdp.driver.config.EarlyStoppingConfig;
import picocli.CommandLine.Option;

/** {@code train}'s early-stopping options; defaults come from {@link EarlyStoppingConfig#defaults()}. */
final class EarlyStoppingOptions {
    @Option(names = "--early-stopping-patience", paramLabel = "N",
            description = "stop once the validation metric has not improved for N epochs, and save the best epoch's model; 0 = off (default: ${DEFAULT-VALUE})")
    int patience;
    @Option(names = "--early-stopping-metric", paramLabel = "loss|accuracy|f1|auc",
            description = "validation metric early stopping watches: loss (lower is better), a Siamese model's pair auc, accuracy or macro f1 (default: ${DEFAULT-VALUE})")
    EarlyStoppingConfig.Metric metric;
    @Option(names = "--early-stopping-min-delta", paramLabel = "D",
            description = "an epoch improves only if it beats the best by more than D (default: ${DEFAULT-VALUE})")
    double minDelta;

    EarlyStoppingConfig toConfig() {
        return new EarlyStoppingConfig(patience, metric, minDelta);
    }
}
