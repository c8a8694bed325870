package io.sparkdp.driver;

import io.sparkdp.driver.spark.SparkContexts;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The one way driver tests start Spark: a local context bound to loopback, without the UI, with
 * the settings every sparkdp command adds ({@link SparkContexts}), so tests run Spark as users do.
 */
public final class SparkFixture {
    private SparkFixture() {
    }

    public static JavaSparkContext local(int cores) {
        SparkConf conf = new SparkConf()
                .setMaster("local[" + cores + "]")
                .setAppName("sparkdp-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        return new JavaSparkContext(SparkContexts.withLocalDefaults(SparkContexts.withTrainingDefaults(conf)));
    }
}
