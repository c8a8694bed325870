package io.sparkdp.driver.cli;

import io.sparkdp.driver.config.ConfigJson;
import io.sparkdp.worker.ClassificationMetrics;
import io.sparkdp.worker.EvaluationMetrics;
import io.sparkdp.worker.PairMetrics;
import io.sparkdp.worker.RegressionMetrics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code sparkdp evaluate} shows {@link ClassificationMetrics} to a person: the summary, a
 * table per class, the confusion matrix; {@link RegressionMetrics}: the averages and a table per
 * target; and the one-line JSON summary that scripts read.
 */
final class MetricsTable {
    /** Beyond this many targets (a reconstruction's features) the per-target table would drown the averages. */
    private static final int MAX_TARGET_ROWS = 50;

    private MetricsTable() {
    }

    static String render(EvaluationMetrics metrics) {
        if (metrics instanceof PairMetrics pairs) {
            return render(pairs);
        }
        return metrics instanceof RegressionMetrics regression ? render(regression) : render(metrics.classification());
    }

    /** One line of JSON, of either kind. */
    static String summary(EvaluationMetrics metrics) {
        if (metrics instanceof PairMetrics pairs) {
            return ConfigJson.write(io.sparkdp.driver.listen.MetricsJson.of(pairs));
        }
        return metrics instanceof RegressionMetrics regression ? summary(regression) : summary(metrics.classification());
    }

    /** A Siamese network's pairs: the ROC AUC of same- against different-class pairs, and their distances. */
    static String render(PairMetrics m) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "pairs     %d (%d of one class, %d of two)%n", m.examples(), m.samePairs(),
                m.differentPairs()));
        out.append(String.format(Locale.ROOT, "ROC AUC   %.4f (same-class pairs ranked above different-class pairs by -distance)%n",
                m.auc()));
        out.append(String.format(Locale.ROOT, "loss      %.6f%n", m.loss()));
        out.append(String.format(Locale.ROOT, "distance  %.4f mean of same-class pairs, %.4f of different-class pairs%n",
                m.sameDistance(), m.differentDistance()));
        return out.toString();
    }

    static String render(RegressionMetrics m) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "examples  %d%n", m.examples()));
        out.append(String.format(Locale.ROOT, "loss      %.6f%n", m.loss()));
        out.append(String.format(Locale.ROOT, "MSE       %.6f%n", m.meanSquaredError()));
        out.append(String.format(Locale.ROOT, "RMSE      %.6f%n", m.rootMeanSquaredError()));
        out.append(String.format(Locale.ROOT, "MAE       %.6f%n", m.meanAbsoluteError()));
        out.append(String.format(Locale.ROOT, "R²        %.4f%n", m.rSquared()));
        if (m.targets() > 1) {
            out.append(String.format(Locale.ROOT, "R² pooled %.4f (variance-weighted over the %d targets)%n",
                    m.varianceWeightedR2(), m.targets()));
        }
        if (m.targets() > MAX_TARGET_ROWS) {
            out.append(String.format(Locale.ROOT, "%n(%d targets, such as the features of a reconstruction: per-target values"
                    + " are in --metrics-json)%n", m.targets()));
        } else if (m.targets() > 1) {
            out.append(String.format(Locale.ROOT, "%n%6s  %12s  %12s  %12s  %8s%n", "target", "MSE", "RMSE", "MAE", "R²"));
            for (int t = 0; t < m.targets(); t++) {
                out.append(String.format(Locale.ROOT, "%6d  %12.6f  %12.6f  %12.6f  %8.4f%n", t, m.mse()[t], m.rmse(t),
                        m.mae()[t], m.r2()[t]));
            }
        }
        return out.toString();
    }

    /** One line of JSON: {@code task, loss, n, mse, rmse, mae, r2} (averaged over the targets). */
    static String summary(RegressionMetrics m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("task", "regression");
        json.put("loss", finite(m.loss()));
        json.put("n", m.examples());
        json.put("mse", finite(m.meanSquaredError()));
        json.put("rmse", finite(m.rootMeanSquaredError()));
        json.put("mae", finite(m.meanAbsoluteError()));
        json.put("r2", finite(m.rSquared()));
        if (m.targets() > 1) {
            json.put("r2_variance_weighted", finite(m.varianceWeightedR2()));
        }
        return ConfigJson.write(json);
    }

    static String render(ClassificationMetrics m) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "examples        %d%n", m.examples()));
        out.append(String.format(Locale.ROOT, "accuracy        %.4f%n", m.accuracy()));
        if (m.sequences() > 0) {
            out.append(String.format(Locale.ROOT, "exact sequences %.4f of %d (every real step right; the rest counts steps)%n",
                    m.sequenceAccuracy(), m.sequences()));
        }
        out.append(String.format(Locale.ROOT, "top-%-2d accuracy %.4f%n", m.topK(), m.topKAccuracy()));
        out.append(String.format(Locale.ROOT, "loss            %.6f%n", m.loss()));
        out.append(String.format(Locale.ROOT, "log loss        %s%n",
                Double.isNaN(m.logLoss()) ? "n/a (the output is not a softmax)" : String.format(Locale.ROOT, "%.6f", m.logLoss())));
        out.append(String.format(Locale.ROOT, "macro precision %.4f, recall %.4f, F1 %.4f%n%n", m.precision(), m.recall(), m.f1()));
        out.append(String.format(Locale.ROOT, "%5s  %9s  %6s  %6s  %7s%n", "class", "precision", "recall", "F1", "support"));
        for (int c = 0; c < m.classes(); c++) {
            out.append(String.format(Locale.ROOT, "%5d  %9.4f  %6.4f  %6.4f  %7d%n", c, m.precision(c), m.recall(c), m.f1(c),
                    m.support(c)));
        }
        out.append(String.format(Locale.ROOT, "%nConfusion matrix (rows: actual class, columns: predicted class)%n"));
        int width = Math.max(5, Long.toString(m.examples()).length() + 1);
        out.append(" ".repeat(6));
        for (int c = 0; c < m.classes(); c++) {
            out.append(String.format(Locale.ROOT, "%" + width + "d", c));
        }
        out.append(System.lineSeparator());
        long[][] confusion = m.confusion();
        for (int actual = 0; actual < m.classes(); actual++) {
            out.append(String.format(Locale.ROOT, "%5d ", actual));
            for (long count : confusion[actual]) {
                out.append(String.format(Locale.ROOT, "%" + width + "d", count));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    /** One line of JSON: {@code accuracy, loss, n, precision, recall, f1, top_k, top_k_accuracy, log_loss}. */
    static String summary(ClassificationMetrics m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accuracy", m.accuracy());
        json.put("loss", finite(m.loss()));
        json.put("n", m.examples());
        json.put("precision", m.precision());
        json.put("recall", m.recall());
        json.put("f1", m.f1());
        json.put("top_k", m.topK());
        json.put("top_k_accuracy", m.topKAccuracy());
        json.put("log_loss", finite(m.logLoss()));
        if (m.sequences() > 0) {
            json.put("sequences", m.sequences());
            json.put("sequence_accuracy", finite(m.sequenceAccuracy()));
        }
        return ConfigJson.write(json);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
