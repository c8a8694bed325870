package io.sparkdp.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.driver.SparkFixture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AggregationTest {
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = SparkFixture.local(2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void innerLevelsAppearWhereSparkWouldAddThem() {
        assertFalse(Aggregation.hasInnerLevel(2, 2));
        assertFalse(Aggregation.hasInnerLevel(5, 2), "scale 3: 5 <= 3 + 2");
        assertTrue(Aggregation.hasInnerLevel(6, 2), "scale 3: 6 > 3 + 2");
        assertTrue(Aggregation.hasInnerLevel(16, 2), "scale 4: 16 > 4 + 4");
        assertFalse(Aggregation.hasInnerLevel(1000, 1), "depth 1 never adds a level");
    }

    @Test
    void flatAndTreeAggregationGiveTheSameSum() {
        for (int partitions : new int[]{1, 2, 16, 40}) {
            JavaRDD<Integer> numbers = spark.parallelize(IntStream.rangeClosed(1, 1000).boxed().collect(Collectors.toList()), partitions);
            long sum = Aggregation.treeAggregate(numbers, 0L, (acc, x) -> acc + x, Long::sum, 2);
            assertEquals(500_500L, sum, partitions + " partitions");
        }
    }

    @Test
    void theFlatAggregateLeavesItsZeroAloneAndGivesEveryTaskItsOwnCopy() {
        JavaRDD<Integer> numbers = spark.parallelize(IntStream.rangeClosed(1, 100).boxed().collect(Collectors.toList()), 4);
        java.util.ArrayList<Integer> zero = new java.util.ArrayList<>();

        java.util.ArrayList<Integer> all = Aggregation.aggregate(numbers, zero, (acc, x) -> {
            acc.add(x);
            return acc;
        }, (a, b) -> {
            a.addAll(b);
            return a;
        });

        assertTrue(zero.isEmpty(), "the caller's zero is never folded into");
        assertEquals(IntStream.rangeClosed(1, 100).boxed().collect(Collectors.toList()), all.stream().sorted().collect(Collectors.toList()),
                "every record counted once, none twice through a shared zero");
        assertEquals(java.util.List.of(), Aggregation.aggregate(spark.parallelize(java.util.List.<Integer>of(), 2), zero,
                (acc, x) -> acc, (a, b) -> a), "no records: a copy of the zero");
    }

    @Test
    void aFailingTaskFailsTheAggregateWithItsMessage() {
        JavaRDD<Integer> numbers = spark.parallelize(IntStream.rangeClosed(1, 10).boxed().collect(Collectors.toList()), 2);

        org.apache.spark.SparkException failure = org.junit.jupiter.api.Assertions.assertThrows(org.apache.spark.SparkException.class,
                () -> Aggregation.aggregate(numbers, 0L, (acc, x) -> {
                    if (x == 7) {
                        throw new java.io.IOException("bad record 7");
                    }
                    return acc + x;
                }, Long::sum));

        assertTrue(failure.getMessage().contains("java.io.IOException: bad record 7"), failure.getMessage());
    }
}
