package io.sparkdp.worker;

import java.util.Arrays;
import java.util.Objects;

/**
 * What an evaluation measured on real-valued targets, per target and averaged over the targets
 * with equal weight (scikit-learn's {@code uniform_average}). For target {@code j} over {@code n}
 * examples with prediction {@code p}: MSE is {@code mean((y - p)^2)}, RMSE its square root, MAE
 * {@code mean(|y - p|)}, and R² is {@code 1 - SSE / SST} with {@code SST} the sum of squared
 * deviations of {@code y} from its mean. A target that is constant in the data (SST 0) has R² 1
 * when it is predicted exactly and 0 otherwise, as scikit-learn counts it. The averaged RMSE is
 * the square root of the averaged MSE.
 *
 * @param examples examples evaluated
 * @param loss     mean loss per example under the network's own loss function, plus its
 *                 regularization penalty, as DL4J's {@code score} measures it
 * @param mse      mean squared error of each target
 * @param mae      mean absolute error of each target
 * @param r2       coefficient of determination of each target
 * @param varianceWeightedR2 R² of all targets pooled, {@code 1 - sum(SSE) / sum(SST)} (scikit-learn's
 *                 {@code variance_weighted}): what matters for many targets of unequal spread, such
 *                 as the pixels of a reconstruction, where a nearly constant border pixel would
 *                 swing the uniform average
 */
public record RegressionMetrics(long examples, double loss, double[] mse, double[] mae, double[] r2, double varianceWeightedR2)
        implements EvaluationMetrics {
    public RegressionMetrics {
        mse = mse.clone();
        mae = mae.clone();
        r2 = r2.clone();
        if (mse.length == 0 || mae.length != mse.length || r2.length != mse.length) {
            throw new IllegalArgumentException("regression metrics need one MSE, MAE and R² per target, got "
                    + mse.length + ", " + mae.length + " and " + r2.length);
        }
    }

    /** Number of targets. */
    public int targets() {
        return mse.length;
    }

    /** MSE averaged over the targets. */
    public double meanSquaredError() {
        return average(mse);
    }

    /** The square root of {@link #meanSquaredError()}. */
    public double rootMeanSquaredError() {
        return Math.sqrt(meanSquaredError());
    }

    /** MAE averaged over the targets. */
    public double meanAbsoluteError() {
        return average(mae);
    }

    /** R² averaged over the targets. */
    public double rSquared() {
        return average(r2);
    }

    /** RMSE of target {@code t}. */
    public double rmse(int t) {
        return Math.sqrt(mse[t]);
    }

    @Override
    public double[] mse() {
        return mse.clone();
    }

    @Override
    public double[] mae() {
        return mae.clone();
    }

    @Override
    public double[] r2() {
        return r2.clone();
    }

    private static double average(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** Equal when every measure is equal (a record compares arrays by identity). */
    @Override
    public boolean equals(Object other) {
        return other instanceof RegressionMetrics that && examples == that.examples && Double.compare(loss, that.loss) == 0
                && Arrays.equals(mse, that.mse) && Arrays.equals(mae, that.mae) && Arrays.equals(r2, that.r2)
                && Double.compare(varianceWeightedR2, that.varianceWeightedR2) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(examples, loss, Arrays.hashCode(mse), Arrays.hashCode(mae), Arrays.hashCode(r2), varianceWeightedR2);
    }

    @Override
    public String toString() {
        return "RegressionMetrics[examples " + examples + ", loss " + loss + ", MSE " + Arrays.toString(mse) + ", MAE "
                + Arrays.toString(mae) + ", R² " + Arrays.toString(r2) + ", variance-weighted R² " + varianceWeightedR2 + "]";
    }
}
