package io.sparkdp.driver.config;

import io.sparkdp.worker.EvaluationMetrics;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * When a run stops before {@code --epochs} because validation stopped improving. After each
 * epoch the monitored validation metric is compared with the best so far; an epoch that beats it
 * by more than {@code minDelta} becomes the best, and its model is kept. Once {@code patience}
 * epochs in a row have not, training stops. Either way, with early stopping on, the model saved
 * as the output is the best epoch's. Off by default; on, it needs a validation set.
 *
 * @param patience epochs without improvement before training stops, at least 1; 0 turns early stopping off
 * @param metric   the validation metric watched
 * @param minDelta how much the metric must beat the best so far by to count as an improvement, 0 or more
 */
public record EarlyStoppingConfig(int patience, Metric metric, double minDelta) {
    /** A validation metric that early stopping can watch, and which way is better. */
    public enum Metric {
        /** Mean validation loss, regularization included; lower is better. Classification and regression. */
        LOSS(EvaluationMetrics::loss, false),
        /** Validation accuracy; higher is better. Classification only. */
        ACCURACY(m -> m.classification().accuracy(), true),
        /** Macro-averaged validation F1; higher is better. Classification only. */
        F1(m -> m.classification().f1(), true),
        /** ROC AUC of same-class against different-class validation pairs; higher is better. Siamese models only. */
        AUC(m -> m.pairs().auc(), true);

        private final ToDoubleFunction<EvaluationMetrics> value;
        private final boolean higherIsBetter;

        Metric(ToDoubleFunction<EvaluationMetrics> value, boolean higherIsBetter) {
            this.value = value;
            this.higherIsBetter = higherIsBetter;
        }

        /** This metric's value in {@code metrics}. */
        public double of(EvaluationMetrics metrics) {
            return value.applyAsDouble(metrics);
        }

        /** Whether {@code value} beats {@code best} by more than {@code minDelta}; a value that is not finite never does. */
        public boolean improves(double value, double best, double minDelta) {
            if (!Double.isFinite(value)) {
                return false;
            }
            return higherIsBetter ? value > best + minDelta : value < best - minDelta;
        }

        /** The name used in messages and in {@code metrics.jsonl}: {@code loss}, {@code accuracy}, {@code f1}, {@code auc}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public EarlyStoppingConfig {
        TrainConfig.require(patience >= 0, "--early-stopping-patience must be 0 (off) or positive, got " + patience);
        TrainConfig.require(metric != null, "--early-stopping-metric must be loss, accuracy, f1 or auc");
        TrainConfig.require(minDelta >= 0 && Double.isFinite(minDelta),
                "--early-stopping-min-delta must be 0 or more, got " + minDelta);
    }

    /** Off; when turned on, it watches the validation loss with no minimum improvement. */
    public static EarlyStoppingConfig defaults() {
        return new EarlyStoppingConfig(0, Metric.LOSS, 0);
    }

    /** Early stopping on {@code metric} after {@code patience} epochs without improvement. */
    public static EarlyStoppingConfig on(Metric metric, int patience) {
        return new EarlyStoppingConfig(patience, metric, 0);
    }

    public boolean enabled() {
        return patience > 0;
    }
}
