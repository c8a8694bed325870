package io.sparkdp.driver.model;

import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelOptions;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import io.sparkdp.models.network.Network;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures, prints and asserts nothing about speed: how long {@code sparkdp evaluate} and
 * {@code sample} take to load a model zip, the full load with the optimizer state
 * ({@link ModelStore#loadStored}) against the inference load they use
 * ({@link ModelStore#loadForInference}), interleaved in one JVM, for the zoo's {@code cnn} and a
 * {@code gan} with Adam state after one step. Not a unit test (its name keeps Surefire from
 * running it by default); run it with {@code -Dtest=ModelLoadBench}.
 */
class ModelLoadBench {
    private static final int REPEATS = 15;
    @TempDir
    Path dir;

    @Test
    void fullLoadAgainstInferenceLoad() throws Exception {
        ModelStore store = new ModelStore(new Configuration());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (String model : new String[]{"cnn", "gan"}) {
            String uri = saved(model);
            double[][] wall = new double[2][REPEATS];
            double[][] cpu = new double[2][REPEATS];
            store.loadStored(uri);
            store.loadForInference(uri);
            for (int r = 0; r < REPEATS; r++) {
                for (int way = 0; way < 2; way++) {
                    long cpuStart = os.getProcessCpuTime();
                    long start = System.nanoTime();
                    Network loaded = (way == 0 ? store.loadStored(uri) : store.loadForInference(uri)).model();
                    wall[way][r] = (System.nanoTime() - start) / 1e9;
                    cpu[way][r] = (os.getProcessCpuTime() - cpuStart) / 1e9;
                    if (loaded.numParams() == 0) {
                        throw new AssertionError("no parameters loaded");
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s (%d KiB zip), median of %d: full load %s; inference load %s%n", model,
                    Files.size(Path.of(java.net.URI.create(uri))) / 1024, REPEATS, median(wall[0], cpu[0]), median(wall[1], cpu[1]));
        }
    }

    private String saved(String model) throws Exception {
        Map<String, String> args = model.equals("gan") ? Map.of("filters", "16,32", "latent", "32") : Map.of();
        Network network = ModelZoo.create(model, new ModelRequest(new InputShape(1, 28, 28), 10, 1L, OptimizerConfig.defaults(),
                DataType.FLOAT, new ModelOptions(args, "auto", "auto", 0, 0)));
        network.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 8, 784), Nd4j.eye(10).getRows(0, 1, 2, 3, 4, 5, 6, 7).castTo(DataType.FLOAT)));
        Path zip = dir.resolve(model + ".zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            ModelArchives.write(network, out);
        }
        return zip.toUri().toString();
    }

    private static String median(double[] wall, double[] cpu) {
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return String.format(Locale.ROOT, "%.3f s wall (%.3f to %.3f), %.3f s CPU", wall[wall.length / 2], wall[0],
                wall[wall.length - 1], cpu[cpu.length / 2]);
    }
}
