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

    @Test
    void broadcastChecksumsAreOffOnlyWhereNoPieceIsFetched() {
        for (String local : new String[]{"local", "local[2]", "local[*]", "local[2,3]"}) {
            assertEquals("false", SparkContexts.withLocalDefaults(new SparkConf(false).setMaster(local)).get("spark.broadcast.checksum"), local);
        }
        for (String cluster : new String[]{"local-cluster[2,1,1024]", "spark://127.0.0.1:7077", "yarn"}) {
            assertFalse(SparkContexts.withLocalDefaults(new SparkConf(false).setMaster(cluster)).contains("spark.broadcast.checksum"), cluster);
        }
        SparkConf chosen = new SparkConf(false).setMaster("local[2]").set("spark.broadcast.checksum", "true");
        assertEquals("true", SparkContexts.withLocalDefaults(chosen).get("spark.broadcast.checksum"), "the user's choice stands");
    }

    @Test
    void localModeSetsLocalFilePermissionsWithoutStartingProcesses() {
        SparkConf local = SparkContexts.withLocalDefaults(new SparkConf(false).setMaster("local[2]"));
        assertEquals(NioLocalFileSystem.class.getName(), local.get("spark.hadoop.fs.file.impl"));
        assertEquals("true", local.get("spark.hadoop.fs.file.impl.disable.cache"), "a plain local file system cached earlier is not reused");
        assertFalse(SparkContexts.withLocalDefaults(new SparkConf(false).setMaster("spark://127.0.0.1:7077"))
                .contains("spark.hadoop.fs.file.impl"), "executors elsewhere keep Hadoop's");
        SparkConf chosen = new SparkConf(false).setMaster("local").set("spark.hadoop.fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem");
        assertEquals("org.apache.hadoop.fs.LocalFileSystem", SparkContexts.withLocalDefaults(chosen).get("spark.hadoop.fs.file.impl"));
    }
}
