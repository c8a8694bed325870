package io.sparkdp.data;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A data set named by a user's {@code --data} spec, opened on the driver: its schema is known,
 * its records are read only on the executors.
 */
public interface InputData {
    /** The spec it was opened from, as provenance records it. */
    String spec();

    DataSchema schema();

    /** The first records (up to the request's limit), split into balanced training shards and validation parts. */
    Split split(JavaSparkContext sc, SplitRequest request);

    /** Every record in about {@code parts} blocks, in a fixed order, for evaluation. */
    JavaRDD<ExampleBlock> all(JavaSparkContext sc, int parts);
}
