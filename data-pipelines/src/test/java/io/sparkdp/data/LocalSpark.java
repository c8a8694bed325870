package io.sparkdp.data;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code local[2]} Spark context shared by one test class, bound to loopback: register it
 * as a static field ({@code @RegisterExtension static final LocalSpark SPARK = new LocalSpark();})
 * and it starts before the class's first test and stops after its last.
 */
public final class LocalSpark implements BeforeAllCallback, AfterAllCallback {
    private JavaSparkContext sc;

    @Override
    public void beforeAll(ExtensionContext context) {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]")
                .setAppName(context.getRequiredTestClass().getSimpleName())
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (sc != null) {
            sc.stop();
        }
    }

    /** The running context. */
    public JavaSparkContext sc() {
        return sc;
    }
}
