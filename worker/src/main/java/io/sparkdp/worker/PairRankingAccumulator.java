package io.sparkdp.worker;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The sums behind {@link PairMetrics}, over the shards of an evaluation pass: the distance of every
 * same-class and every different-class pair (the ROC AUC needs them all; an evaluation of 10,000
 * pairs holds 80 KB) and the summed loss. Zero, add, merge, like every aggregate sparkdp folds.
 */
public final class PairRankingAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int batchSize;
    private double[] same = new double[64];
    private int sameCount;
    private double[] different = new double[64];
    private int differentCount;
    private double lossSum;

    private PairRankingAccumulator(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("an evaluation needs a batch size of at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * The zero of a pair evaluation.
     *
     * @param batchSize examples per forward pass on an executor; pairs are formed inside each
     */
    public static PairRankingAccumulator empty(int batchSize) {
        return new PairRankingAccumulator(batchSize);
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * Adds pairs.
     *
     * @param distances    the distance of each pair's embeddings
     * @param sameClass    whether each pair is of one class
     * @param pairLossSum  the pairs' summed loss, without regularization
     */
    public PairRankingAccumulator add(double[] distances, boolean[] sameClass, double pairLossSum) {
        if (distances.length != sameClass.length) {
            throw new IllegalArgumentException(distances.length + " distances for " + sameClass.length + " pairs");
        }
        for (int i = 0; i < distances.length; i++) {
            if (sameClass[i]) {
                same = grown(same, sameCount);
                same[sameCount++] = distances[i];
            } else {
                different = grown(different, differentCount);
                different[differentCount++] = distances[i];
            }
        }
        lossSum += pairLossSum;
        return this;
    }

    private static double[] grown(double[] values, int count) {
        return count < values.length ? values : Arrays.copyOf(values, values.length * 2);
    }

    /** Folds {@code other} into this one. */
    public PairRankingAccumulator merge(PairRankingAccumulator other) {
        add(Arrays.copyOf(other.same, other.sameCount), trues(other.sameCount, true), other.lossSum);
        add(Arrays.copyOf(other.different, other.differentCount), trues(other.differentCount, false), 0);
        return this;
    }

    private static boolean[] trues(int count, boolean value) {
        boolean[] flags = new boolean[count];
        Arrays.fill(flags, value);
        return flags;
    }

    public long examples() {
        return (long) sameCount + differentCount;
    }

    /**
     * The metrics of everything added.
     *
     * @param penalty the network's regularization score, added to the mean loss as DL4J's score adds it
     */
    public PairMetrics metrics(double penalty) {
        long pairs = examples();
        double loss = pairs == 0 ? Double.NaN : lossSum / pairs + penalty;
        return new PairMetrics(pairs, loss, auc(Arrays.copyOf(same, sameCount), Arrays.copyOf(different, differentCount)),
                sameCount, mean(same, sameCount), mean(different, differentCount));
    }

    private static double mean(double[] values, int count) {
        return count == 0 ? Double.NaN : Arrays.stream(values, 0, count).sum() / count;
    }

    /**
     * The probability that a same-class pair is closer than a different-class one, ties counting
     * one half: the Mann-Whitney U of the distances over the product of the counts.
     */
    static double auc(double[] sameDistances, double[] differentDistances) {
        if (sameDistances.length == 0 || differentDistances.length == 0) {
            return Double.NaN;
        }
        double[] different = differentDistances.clone();
        Arrays.sort(different);
        double wins = 0;
        for (double d : sameDistances) {
            int above = different.length - upperBound(different, d);
            int ties = upperBound(different, d) - lowerBound(different, d);
            wins += above + 0.5 * ties;
        }
        return wins / ((double) sameDistances.length * different.length);
    }

    /** The first index whose value is at least {@code value}. */
    private static int lowerBound(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first index whose value is above {@code value}. */
    private static int upperBound(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
