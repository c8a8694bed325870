package io.sparkdp.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The settings a driver adds to its Spark configuration before the context starts. */
class SparkContextsTest {
    private static final Map<String, String> HANDED = Map.of(SparkContexts.WORKER_SECRET_ENV, "s3cr3t");

    @Test
    void aClusterModeDriverTakesTheSecretItsWorkerHandedIt() {
        SparkConf conf = new SparkConf(false).set("spark.authenticate", "true");
        assertEquals("s3cr3t", SparkContexts.withWorkerHandedSecret(conf, HANDED).get("spark.authenticate.secret"));
    }

    @Test
    void theHandedSecretChangesNothingElsewhere() {
        SparkConf off = SparkContexts.withWorkerHandedSecret(new SparkConf(false), HANDED);
        assertFalse(off.contains("spark.authenticate.secret"), "authentication off: no secret copied");

        SparkConf own = new SparkConf(false).set("spark.authenticate", "true").set("spark.authenticate.secret", "mine");
        assertEquals("mine", SparkContexts.withWorkerHandedSecret(own, HANDED).get("spark.authenticate.secret"));

        SparkConf none = new SparkConf(false).set("spark.authenticate", "true");
        assertFalse(SparkContexts.withWorkerHandedSecret(none, Map.of()).contains("spark.authenticate.secret"),
                "no worker secret: left to Spark's own check");
    }
}
