package io.sparkdp.data;

import static io.sparkdp.data.IdxFiles.FASHION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The RDDs of blocks, each read on an executor, hold what the same plan reads in this JVM. */
class IdxDatasetSparkTest {
    private static final Configuration CONF = new Configuration();

    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();
    private static IdxDataset data;

    @BeforeAll
    static void startSpark() {
        data = IdxDataset.open(IdxSource.resolve("idx:" + FASHION, IdxSource.Part.TEST, CONF), CONF);
    }

    @Test
    void trainShardsAreThePlansShardsInOrder() {
        ShardPlan plan = ShardPlan.of(data.records(), 3000, 0.1, 3, 21L);
        JavaRDD<ExampleBlock> shards = data.trainShards(SPARK.sc(), plan);
        assertEquals(3, shards.getNumPartitions());
        List<ExampleBlock> blocks = shards.collect();
        for (int shard = 0; shard < plan.shards(); shard++) {
            assertEquals(shard, blocks.get(shard).shard());
            IdxFiles.assertSameRecords(data.readTrainShard(CONF, plan, shard), blocks.get(shard));
        }
        shards.unpersist();
    }

    @Test
    void validationShardsHoldTheHeldOutRecords() {
        ShardPlan plan = ShardPlan.of(data.records(), 3000, 0.1, 3, 21L);
        JavaRDD<ExampleBlock> validation = data.validationShards(SPARK.sc(), plan);
        int held = validation.map(ExampleBlock::size).reduce(Integer::sum);
        assertEquals(300, held);
        ExampleBlock first = validation.first();
        IdxFiles.assertSameRecords(IdxShardReader.read(data.source(), CONF, 0, plan.validationShard(0)), first);
        validation.unpersist();
    }

    @Test
    void allShardsCoverEveryRecordOnce() {
        JavaRDD<ExampleBlock> all = data.allShards(SPARK.sc(), 2);
        List<int[]> histograms = all.map(block -> {
            int[] counts = new int[block.numClasses()];
            for (int i = 0; i < block.size(); i++) {
                counts[block.label(i)]++;
            }
            return counts;
        }).collect();
        int[] total = new int[10];
        histograms.forEach(h -> Arrays.setAll(total, c -> total[c] + h[c]));
        int[] thousandEach = new int[10];
        Arrays.fill(thousandEach, 1000);
        assertArrayEquals(thousandEach, total, "Fashion-MNIST's test set has 1000 images of each class");
        all.unpersist();
    }

    @Test
    void planLargerThanTheFileIsRefused() {
        ShardPlan tooBig = ShardPlan.of(20000, 0, 0, 2, 1L);
        assertThrows(IllegalArgumentException.class, () -> data.trainShards(SPARK.sc(), tooBig));
    }
}
