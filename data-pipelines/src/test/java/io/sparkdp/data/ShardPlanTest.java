package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardPlanTest {

    @ParameterizedTest(name = "{0} records, {1} held out, {2} shards")
    @CsvSource({
        "10, 0.2, 3",
        "11, 0.0, 2",
        "101, 0.1, 7",
        "1000, 0.25, 16",
        "60000, 0.1, 8",
        "64, 0.5, 32",
    })
    void shardsPartitionTheRecords(int records, double fraction, int shards) {
        ShardPlan plan = ShardPlan.of(records, 0, fraction, shards, 42L);
        assertEquals(records, plan.records());
        assertEquals(Math.round(fraction * records), plan.validationRecords());

        int[] seen = new int[records];
        int minSize = Integer.MAX_VALUE;
        int maxSize = 0;
        int trained = 0;
        int validated = 0;
        for (int shard = 0; shard < shards; shard++) {
            int[] train = plan.trainShard(shard);
            int[] validation = plan.validationShard(shard);
            assertStrictlyAscending(train);
            assertStrictlyAscending(validation);
            assertEquals(train.length, plan.trainShardSize(shard));
            for (int r : train) {
                seen[r]++;
            }
            for (int r : validation) {
                seen[r]++;
            }
            minSize = Math.min(minSize, train.length);
            maxSize = Math.max(maxSize, train.length);
            trained += train.length;
            validated += validation.length;
        }
        for (int r = 0; r < records; r++) {
            assertEquals(1, seen[r], "record " + r + " must be in exactly one shard");
        }
        assertTrue(maxSize - minSize <= 1, "training shards range from " + minSize + " to " + maxSize);
        assertEquals(plan.trainRecords(), trained);
        assertEquals(plan.validationRecords(), validated);
    }

    @ParameterizedTest(name = "{0} records, {1} held out, {2} shards")
    @CsvSource({"10, 0.2, 3", "101, 0.1, 7", "60000, 0.1, 8"})
    void planIsDeterministicForASeed(int records, double fraction, int shards) {
        ShardPlan a = ShardPlan.of(records, 0, fraction, shards, 7L);
        ShardPlan b = ShardPlan.of(records, 0, fraction, shards, 7L);
        ShardPlan other = ShardPlan.of(records, 0, fraction, shards, 8L);
        boolean differs = false;
        for (int shard = 0; shard < shards; shard++) {
            assertArrayEquals(a.trainShard(shard), b.trainShard(shard));
            assertArrayEquals(a.trainShard(shard), a.trainShard(shard), "a plan recomputes the same slice");
            assertArrayEquals(a.validationShard(shard), b.validationShard(shard));
            differs |= !Arrays.equals(a.trainShard(shard), other.trainShard(shard));
        }
        assertTrue(differs, "another seed must give another split");
    }

    @Test
    void heldOutSetDoesNotDependOnTheWorkerCount() {
        ShardPlan two = ShardPlan.of(5000, 0, 0.2, 2, 3L);
        ShardPlan five = ShardPlan.of(5000, 0, 0.2, 5, 3L);
        assertArrayEquals(union(two, true), union(five, true));
        assertArrayEquals(union(two, false), union(five, false));
    }

    @Test
    void shardsAreShuffledNotContiguous() {
        ShardPlan plan = ShardPlan.of(1000, 0, 0, 4, 5L);
        int[] first = plan.trainShard(0);
        assertTrue(first[first.length - 1] - first[0] > 500, "shard 0 spans " + first[0] + ".." + first[first.length - 1]);
    }

    @Test
    void limitTakesTheFirstRecords() {
        ShardPlan plan = ShardPlan.of(60000, 1000, 0.1, 4, 1L);
        assertEquals(1000, plan.records());
        assertEquals(100, plan.validationRecords());
        assertEquals(900, plan.trainRecords());
        int[] all = IntStream.concat(IntStream.of(union(plan, true)), IntStream.of(union(plan, false))).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 1000).toArray(), all);

        assertEquals(60000, ShardPlan.of(60000, 0, 0.1, 4, 1L).records(), "limit 0 means all");
        assertEquals(500, ShardPlan.of(500, 1000, 0.1, 4, 1L).records(), "a limit beyond the data means all");
    }

    @Test
    void invalidPlansAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ShardPlan.of(100, 0, 0.1, 0, 1L));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> ShardPlan.of(10, 0, 0.5, 6, 1L));
        IdxFiles.assertOneLine(tooMany, "5 training records", "6 workers");
        assertEquals(5, ShardPlan.of(10, 0, 0.5, 5, 1L).shards(), "one record per worker is enough");

        IllegalArgumentException all = assertThrows(IllegalArgumentException.class, () -> ShardPlan.of(100, 0, 1.0, 1, 1L));
        IdxFiles.assertOneLine(all, "[0, 1)", "1.0");
        assertThrows(IllegalArgumentException.class, () -> ShardPlan.of(100, 0, -0.1, 1, 1L));
        assertThrows(IllegalArgumentException.class, () -> ShardPlan.of(100, 0, Double.NaN, 1, 1L));
        assertThrows(IllegalArgumentException.class, () -> ShardPlan.of(3, 0, 0.9, 1, 1L), "rounds to every record");
        assertThrows(IllegalArgumentException.class, () -> ShardPlan.of(0, 0, 0, 1, 1L));
        assertThrows(IllegalArgumentException.class, () -> new ShardPlan(10, -1, 1, 1L));
    }

    @Test
    void shardOutsideThePlanIsRefused() {
        ShardPlan plan = ShardPlan.of(100, 0, 0.1, 4, 1L);
        IdxFiles.assertOneLine(assertThrows(IllegalArgumentException.class, () -> plan.trainShard(4)), "shard 4", "0..3");
        assertThrows(IllegalArgumentException.class, () -> plan.validationShard(-1));
    }

    /** All training (or validation) indices of a plan, sorted. */
    private static int[] union(ShardPlan plan, boolean validation) {
        return IntStream.range(0, plan.shards())
                .flatMap(s -> IntStream.of(validation ? plan.validationShard(s) : plan.trainShard(s)))
                .sorted()
                .toArray();
    }

    private static void assertStrictlyAscending(int[] indices) {
        for (int i = 1; i < indices.length; i++) {
            assertFalse(indices[i - 1] >= indices[i], "not ascending at " + i + ": " + indices[i - 1] + ", " + indices[i]);
        }
    }
}
