package io.sparkdp.driver.listen;

import io.sparkdp.worker.ClassificationMetrics;
import io.sparkdp.worker.EvaluationMetrics;
import io.sparkdp.worker.PairMetrics;
import io.sparkdp.worker.RegressionMetrics;
import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a person at the console sees: round progress within each epoch (a {@link RoundProgress})
 * and one line per epoch with its training loss, validation metrics and throughput. Close it
 * when training ends, so that a bar left by a failed epoch is finished.
 */
public final class ConsoleReporter implements TrainingListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleReporter.class);

    private final PrintStream out;
    private final RoundProgress progress;

    /**
     * Epoch lines on {@code out}; a progress bar there too when the console is interactive, else
     * a progress line logged at most every {@code logEverySeconds}.
     */
    public ConsoleReporter(PrintStream out, double logEverySeconds) {
        this(out, RoundProgress.forConsole(out, LOG::info, logEverySeconds));
    }

    public ConsoleReporter(PrintStream out, RoundProgress progress) {
        this.out = out;
        this.progress = progress;
    }

    @Override
    public void onRound(RoundReport report) {
        progress.onRound(report);
    }

    @Override
    public void onEpoch(EpochReport report) {
        String validation = report.validation().map(ConsoleReporter::validation).orElse("validation n/a");
        out.printf(Locale.ROOT, "epoch %d: train loss %.4f, %s, %.0f samples/s (%d examples in %.1f s)%n",
                report.epoch() + 1, report.trainLoss(), validation, report.samplesPerSecond(), report.examples(),
                report.trainSeconds());
        out.flush();
    }

    /** The validation part of an epoch line. */
    static String validation(EvaluationMetrics metrics) {
        if (metrics instanceof RegressionMetrics v) {
            // Over many targets (a reconstruction's pixels) only the pooled R² means something.
            double r2 = v.targets() > 1 ? v.varianceWeightedR2() : v.rSquared();
            return String.format(Locale.ROOT, "validation loss %.4f, MSE %.4f, RMSE %.4f, MAE %.4f, R² %.4f%s", v.loss(),
                    v.meanSquaredError(), v.rootMeanSquaredError(), v.meanAbsoluteError(), r2,
                    v.targets() > 1 ? " (variance-weighted)" : "");
        }
        if (metrics instanceof PairMetrics v) {
            return String.format(Locale.ROOT, "validation pair ROC AUC %.4f, loss %.4f, mean distance same %.4f / different %.4f",
                    v.auc(), v.loss(), v.sameDistance(), v.differentDistance());
        }
        ClassificationMetrics v = metrics.classification();
        return String.format(Locale.ROOT, "validation accuracy %.4f, top-%d %.4f, loss %.4f, macro F1 %.4f", v.accuracy(),
                v.topK(), v.topKAccuracy(), v.loss(), v.f1())
                + (v.sequences() > 0 ? String.format(Locale.ROOT, ", exact sequences %.4f", v.sequenceAccuracy()) : "");
    }

    @Override
    public void onEnd(TrainingEnd end) {
        end.describe().ifPresent(out::println);
        out.flush();
    }

    @Override
    public void close() {
        progress.close();
    }
}
