package io.sparkdp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pair ROC AUC: the Mann-Whitney statistic, merged across shards without losing a pair. */
class PairRankingAccumulatorTest {
    @Test
    void theAucIsTheShareOfSameDifferentPairsInTheRightOrderWithTiesHalf() {
        assertEquals(1.0, PairRankingAccumulator.auc(new double[] {0.1, 0.2}, new double[] {0.3, 0.9}));
        assertEquals(0.0, PairRankingAccumulator.auc(new double[] {0.5}, new double[] {0.1, 0.2}));
        assertEquals(0.5, PairRankingAccumulator.auc(new double[] {0.4}, new double[] {0.4}));
        assertEquals(0.75, PairRankingAccumulator.auc(new double[] {0.2, 0.5}, new double[] {0.3, 0.6}));
        assertTrue(Double.isNaN(PairRankingAccumulator.auc(new double[0], new double[] {1})));
    }

    @Test
    void shardsMergedGiveTheMetricsOfAllPairsAtOnce() {
        SplittableRandom random = new SplittableRandom(4);
        double[] distances = random.doubles(300).toArray();
        boolean[] same = new boolean[300];
        for (int i = 0; i < same.length; i++) {
            same[i] = random.nextBoolean();
            distances[i] += same[i] ? 0 : 0.3;
        }
        PairMetrics whole = PairRankingAccumulator.empty(10).add(distances, same, 30).metrics(0.5);
        PairRankingAccumulator left = PairRankingAccumulator.empty(10).add(java.util.Arrays.copyOf(distances, 100),
                java.util.Arrays.copyOf(same, 100), 10);
        PairRankingAccumulator right = PairRankingAccumulator.empty(10).add(java.util.Arrays.copyOfRange(distances, 100, 300),
                java.util.Arrays.copyOfRange(same, 100, 300), 20);
        PairMetrics merged = PairRankingAccumulator.empty(10).merge(left).merge(right).metrics(0.5);

        assertEquals(whole.auc(), merged.auc(), 1e-12);
        assertEquals(300, merged.examples());
        assertEquals(whole.samePairs(), merged.samePairs());
        assertEquals(30.0 / 300 + 0.5, merged.loss(), 1e-12);
        assertEquals(whole.sameDistance(), merged.sameDistance(), 1e-12);
        assertTrue(merged.auc() > 0.7 && merged.sameDistance() < merged.differentDistance(), merged.toString());
    }
}
