package io.sparkdp.driver.cli;

import io.sparkdp.worker.GpuBinding;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;

/**
 * {@code sparkdp info}: what this JVM would train with. The ND4J backend and its devices, the
 * native thread settings, and the versions of sparkdp, Spark, DL4J/ND4J, Java and the OS, one
 * {@code key: value} per line. It starts no Spark context: submitted in cluster deploy mode it
 * reports a worker machine's JVM.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the ND4J backend, devices, native threads and versions this JVM runs with.")
final class InfoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        facts().forEach((key, value) -> System.out.println(key + ": " + value));
        return 0;
    }

    /** Every fact {@code info} prints, in order. */
    static Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        boolean cpu = Nd4j.getEnvironment().isCPU();
        facts.put("backend", (cpu ? "CPU" : "CUDA") + " (" + Nd4j.getBackend().getClass().getName() + ", "
                + artifactOf("org.nd4j", cpu ? "nd4j-native" : "nd4j-cuda-11.6") + ")");
        facts.put("devices", cpu ? "CPU only" : Nd4j.getAffinityManager().getNumberOfDevices() + " GPU(s)");
        facts.put("gpu binding", GpuBinding.choose(Map.of(), cpu, cpu ? 0 : Nd4j.getAffinityManager().getNumberOfDevices())
                .toString());
        facts.put("threads", "ND4J " + Nd4j.getEnvironment().maxThreads() + ", ND4J master " + Nd4j.getEnvironment()
                .maxMasterThreads() + ", BLAS " + Nd4j.factory().blas().getMaxThreads() + ", OMP_NUM_THREADS "
                + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset") + ", processors "
                + Runtime.getRuntime().availableProcessors());
        facts.put("blas", Nd4j.factory().blas().getBlasVendor() + " ("
                + artifactOf("org.bytedeco", cpu ? "openblas" : "cuda") + ")");
        facts.put("sparkdp", SparkdpMain.class.getAnnotation(Command.class).version()[0]);
        facts.put("spark", resourceProperty("/spark-version-info.properties", "version"));
        facts.put("dl4j", artifactOf("org.deeplearning4j", "deeplearning4j-nn"));
        facts.put("nd4j", artifactOf("org.nd4j", "nd4j-api"));
        facts.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        new TreeMap<>(Nd4j.getExecutioner().getEnvironmentInformation())
                .forEach((key, value) -> facts.put("nd4j." + key, String.valueOf(value)));
        return facts;
    }

    /** The version Maven recorded for an artifact on the class path, or "not on the class path". */
    private static String artifactOf(String group, String artifact) {
        String version = resourceProperty("/META-INF/maven/" + group + "/" + artifact + "/pom.properties", "version");
        return version.equals("unknown") ? artifact + " not on the class path" : artifact + " " + version;
    }

    private static String resourceProperty(String resource, String key) {
        try (InputStream in = InfoCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
