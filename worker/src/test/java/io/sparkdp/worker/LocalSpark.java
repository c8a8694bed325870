package io.sparkdp.worker;

import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A one-thread local Spark context for the tests that need a real {@code Broadcast}: start it in
 * {@code @BeforeAll}, stop it in {@code @AfterAll}.
 */
final class LocalSpark implements AutoCloseable {
    private final JavaSparkContext sc;

    private LocalSpark(JavaSparkContext sc) {
        this.sc = sc;
    }

    static LocalSpark start(String appName) {
        SparkConf conf = new SparkConf()
                .setMaster("local[1]")
                .setAppName(appName)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1");
        return new LocalSpark(new JavaSparkContext(conf));
    }

    /** A context for a fresh run of the named model, its configuration broadcast. */
    WorkerContext context(String model, ModelRequest request) {
        String json = ModelZoo.configure(model, request).toJson();
        return new WorkerContext("run-" + UUID.randomUUID(), sc.broadcast(json));
    }

    JavaSparkContext sc() {
        return sc;
    }

    @Override
    public void close() {
        sc.stop();
    }
}
