package io.sparkdp.models.layers;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The GRU equations of {@link GruLayer}'s javadoc written out in plain Java loops over doubles,
 * as the oracle for its SameDiff graph. Gate columns: reset, update, candidate.
 */
final class ReferenceGru {
    private final double[][] w;
    private final double[][] rw;
    private final double[] b;
    private final double[] rb;
    private final int units;

    private ReferenceGru(double[][] w, double[][] rw, double[] b, double[] rb) {
        this.w = w;
        this.rw = rw;
        this.b = b;
        this.rb = rb;
        this.units = rw.length;
    }

    static ReferenceGru of(Map<String, INDArray> params) {
        return new ReferenceGru(params.get(GruLayer.INPUT_WEIGHTS).toDoubleMatrix(),
                params.get(GruLayer.RECURRENT_WEIGHTS).toDoubleMatrix(),
                params.get(GruLayer.INPUT_BIAS).toDoubleVector(), params.get(GruLayer.RECURRENT_BIAS).toDoubleVector());
    }

    /** Outputs {@code [batch][units][steps]} for input {@code [batch, in, steps]} and an optional mask {@code [batch, steps]}. */
    double[][][] run(INDArray input, INDArray mask) {
        int batch = (int) input.size(0);
        int steps = (int) input.size(2);
        double[][][] out = new double[batch][units][steps];
        for (int e = 0; e < batch; e++) {
            double[] h = new double[units];
            for (int t = 0; t < steps; t++) {
                boolean real = mask == null || mask.getDouble(e, t) != 0;
                if (real) {
                    h = step(column(input, e, t), h);
                }
                for (int u = 0; u < units; u++) {
                    out[e][u][t] = real ? h[u] : 0;
                }
            }
        }
        return out;
    }

    private static double[] column(INDArray input, int example, int step) {
        double[] x = new double[(int) input.size(1)];
        for (int i = 0; i < x.length; i++) {
            x[i] = input.getDouble(example, i, step);
        }
        return x;
    }

    private double[] step(double[] x, double[] h) {
        double[] next = new double[units];
        for (int u = 0; u < units; u++) {
            double reset = sigmoid(affine(x, w, b, u) + affine(h, rw, rb, u));
            double update = sigmoid(affine(x, w, b, units + u) + affine(h, rw, rb, units + u));
            double candidate = Math.tanh(affine(x, w, b, 2 * units + u) + reset * affine(h, rw, rb, 2 * units + u));
            next[u] = (1 - update) * candidate + update * h[u];
        }
        return next;
    }

    /** Column {@code j} of {@code v m + bias}. */
    private static double affine(double[] v, double[][] m, double[] bias, int j) {
        double sum = bias[j];
        for (int i = 0; i < v.length; i++) {
            sum += v[i] * m[i][j];
        }
        return sum;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
