package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** What Spark ships to executors survives Java serialization, the form it travels in. */
class SerializationTest {

    @Test
    void hadoopConfCarriesItsSettings() throws Exception {
        Configuration conf = new Configuration(false);
        conf.set("fs.defaultFS", "hdfs://127.0.0.1:9000");
        conf.setInt("dfs.replication", 2);
        conf.set("sparkdp.test.key", "a value, with comma");

        Configuration copy = roundTrip(new HadoopConf(conf)).get();
        assertEquals("hdfs://127.0.0.1:9000", copy.get("fs.defaultFS"));
        assertEquals(2, copy.getInt("dfs.replication", -1));
        assertEquals("a value, with comma", copy.get("sparkdp.test.key"));
        assertNull(copy.get("sparkdp.unset"));
    }

    @Test
    void planAndSourceRoundTrip() throws Exception {
        ShardPlan plan = ShardPlan.of(1000, 0, 0.1, 3, 99L);
        ShardPlan planCopy = roundTrip(plan);
        assertEquals(plan, planCopy);
        assertArrayEquals(plan.trainShard(2), planCopy.trainShard(2), "an executor recomputes the driver's slice");

        IdxSource source = new IdxSource("hdfs://nn/data/images", "hdfs://nn/data/labels", 10);
        assertEquals(source, roundTrip(source));
    }

    @Test
    void exampleBlockRoundTrips() throws Exception {
        ExampleBlock block = new ExampleBlock(1, 2, 3, new byte[] {0, (byte) 255, 7, 8}, new byte[] {2, 1});
        ExampleBlock copy = roundTrip(block);
        assertEquals(1, copy.shard());
        assertEquals(3, copy.numClasses());
        assertArrayEquals(block.range(0, 2).features(), copy.range(0, 2).features());
        assertArrayEquals(block.range(0, 2).classes(), copy.range(0, 2).classes());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Serializable> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
