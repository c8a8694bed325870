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
        SparkConf conf = new SparkConf().setAppName(appName);
        if (!conf.contains("spark.master")) {
            conf.setMaster(master == null ? DEFAULT_MASTER : master);
        }
        return new JavaSparkContext(conf);
    }
}
