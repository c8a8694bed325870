package io.sparkdp.driver.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Creates the Spark context a command runs in. */
public final class SparkContexts {
    /** Where a context runs when neither spark-submit nor the user names a master. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkContexts() {
    }

    /**
     * A context named after the command. A master set by spark-submit ({@code spark.master})
     * wins over {@code master}; {@code master} wins over the default.
     */
    public static JavaSparkContext open(String appName, String master) {
        SparkConf conf = withTrainingDefaults(new SparkConf().setAppName(appName));
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        return new JavaSparkContext(conf);
    }

    /** The SQL session over {@code spark}'s context, for DataFrame reads and writes. */
    public static org.apache.spark.sql.SparkSession session(JavaSparkContext spark) {
        // getOrCreate adopts the running context instead of starting a second one.
        return org.apache.spark.sql.SparkSession.builder().config(spark.getConf()).getOrCreate();
    }

    /**
     * Settings for rounds that move a few megabytes of dense floats each way, applied only where
     * the user set nothing:
     * <ul>
     * <li>{@code spark.task.maxDirectResultSize}: a task result above Spark's 1 MiB default detours
     * through the block manager and a fetch; a parameter vector is larger than that. Spark still
     * caps direct results at {@code spark.rpc.message.maxSize}.</li>
     * <li>{@code spark.broadcast.compress}: LZ4 gains next to nothing on float parameters and costs
     * milliseconds per round on both sides.</li>
     * </ul>
     */
    public static SparkConf withTrainingDefaults(SparkConf conf) {
        conf.setIfMissing("spark.task.maxDirectResultSize", "120m");
        conf.setIfMissing("spark.broadcast.compress", "false");
        return conf;
    }
}
