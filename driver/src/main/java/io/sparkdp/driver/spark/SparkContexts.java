package io.sparkdp.driver.spark;

import io.sparkdp.worker.SparkdpKryoRegistrator;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.KryoSerializer;

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
        withWorkerHandedSecret(conf, System.getenv());
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        return new JavaSparkContext(withLocalDefaults(conf));
    }

    /** The SQL session over {@code spark}'s context, for DataFrame reads and writes. */
    public static org.apache.spark.sql.SparkSession session(JavaSparkContext spark) {
        // getOrCreate adopts the running context instead of starting a second one.
        return org.apache.spark.sql.SparkSession.builder().config(spark.getConf()).getOrCreate();
    }

    /**
     * A standalone worker starts a cluster-mode driver with the cluster's authentication secret
     * in the environment variable {@value #WORKER_SECRET_ENV} (keeping it off the command line),
     * but Spark's driver looks for it only in {@code spark.authenticate.secret} and fails to start
     * (SPARK-25078). Where authentication is on, that key is unset and the worker handed a
     * secret, this copies the secret into the configuration; anywhere else it changes nothing.
     */
    static SparkConf withWorkerHandedSecret(SparkConf conf, java.util.Map<String, String> environment) {
        String handed = environment.get(WORKER_SECRET_ENV);
        if (conf.getBoolean("spark.authenticate", false) && !conf.contains("spark.authenticate.secret")
                && handed != null && !handed.isEmpty()) {
            conf.set("spark.authenticate.secret", handed);
        }
        return conf;
    }

    /**
     * In local mode ({@code local}, {@code local[N]}, {@code local[N,F]}, not {@code local-cluster}),
     * where nothing was set:
     * <ul>
     * <li>{@code spark.broadcast.checksum} off. The executors share the driver's JVM and block
     * manager and read each broadcast's value where the driver stored it, so no piece is ever
     * fetched and no checksum ever checked; computing one cost about 1 ms per 2 MiB parameter
     * broadcast, measured on {@code local[2]} under load. On a cluster the checksum guards pieces
     * fetched over the network, and stays on.</li>
     * <li>{@code file:} paths through {@link NioLocalFileSystem}, which sets permissions without
     * starting a {@code chmod} process per file (4 ms each). Uncached, because spark-submit has
     * already cached Hadoop's own local file system by the time a context starts; creating one
     * costs about 10 microseconds. Only in local mode, where the driver's class path is the
     * executors': elsewhere executors keep Hadoop's.</li>
     * </ul>
     */
    public static SparkConf withLocalDefaults(SparkConf conf) {
        String master = conf.get("spark.master", "");
        if (master.equals("local") || master.startsWith("local[")) {
            conf.setIfMissing("spark.broadcast.checksum", "false");
            conf.setIfMissing("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName());
            conf.setIfMissing("spark.hadoop.fs.file.impl.disable.cache", "true");
        }
        return conf;
    }

    /** What Spark's standalone worker names the secret it hands a driver or executor it starts. */
    static final String WORKER_SECRET_ENV = "_SPARK_AUTH_SECRET";

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
     * Where Kryo is the serializer, {@link SparkdpKryoRegistrator} is added to
     * {@code spark.kryo.registrator} if it is missing: without it, sparkdp's accumulators would
     * arrive empty.
     */
    public static SparkConf withTrainingDefaults(SparkConf conf) {
        conf.setIfMissing("spark.task.maxDirectResultSize", "120m");
        conf.setIfMissing("spark.broadcast.compress", "false");
        if (KryoSerializer.class.getName().equals(conf.get("spark.serializer", ""))) {
            String registrators = conf.get("spark.kryo.registrator", "").trim();
            String ours = SparkdpKryoRegistrator.class.getName();
            if (!List.of(registrators.split("\\s*,\\s*")).contains(ours)) {
                conf.set("spark.kryo.registrator", registrators.isEmpty() ? ours : registrators + "," + ours);
            }
        }
        return conf;
    }
}
