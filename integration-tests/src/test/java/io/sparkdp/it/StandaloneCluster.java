package io.sparkdp.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on this machine, started and stopped by
 * {@code deploy/local-cluster.sh}, the script users run: a master and N workers, each its own JVM
 * from a Spark home of Spark's jars alone (no sparkdp, no DL4J), every port on 127.0.0.1, RPC
 * authentication on. Executors and cluster-mode drivers are further JVMs the workers start.
 * <p>
 * {@link #close} runs the script's {@code stop}, which ends every process the cluster started,
 * executors included. Should the test JVM die before that, a shutdown hook runs it, and should it
 * be killed outright, the script's watcher (given this JVM's PID) stops the cluster within seconds.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final Path HOME = Path.of(System.getProperty("sparkdp.home", "..")).toAbsolutePath().normalize();

    private final Path dir;
    private final Thread stopOnExit;
    private final String masterUrl;

    private StandaloneCluster(Path dir, String masterUrl) {
        this.dir = dir;
        this.masterUrl = masterUrl;
        this.stopOnExit = new Thread(this::stop, "stop standalone cluster");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts a master and {@code workers} workers of one core and 3 GiB each, and waits until all have registered. */
    static StandaloneCluster start(int workers, Path dir) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> env = Map.of("SPARKDP_CLUSTER_DIR", dir.toString(), "SPARKDP_WORKER_CORES", "1",
                "SPARKDP_WORKER_MEMORY", "3g", "SPARKDP_WATCH_PID", String.valueOf(ProcessHandle.current().pid()));
        SparkdpProcess.Result started;
        try {
            started = SparkdpProcess.runCommand(List.of(script().toString(), "start", String.valueOf(workers)), env, dir, 4);
        } catch (Exception | AssertionError e) {
            runStop(dir);
            throw e;
        }
        if (started.code() != 0) {
            runStop(dir);
            throw new AssertionError("local-cluster.sh start failed: " + started);
        }
        return new StandaloneCluster(dir, started.lastLine());
    }

    static Path script() {
        return HOME.resolve("deploy/local-cluster.sh");
    }

    String masterUrl() {
        return masterUrl;
    }

    Path dir() {
        return dir;
    }

    /** The RPC authentication secret the script generated, from the cluster's configuration. */
    String secret() throws IOException {
        Path conf = dir.resolve("conf/spark-defaults.conf");
        return Files.readAllLines(conf).stream().filter(l -> l.startsWith("spark.authenticate.secret"))
                .map(l -> l.split("\\s+")[1]).findFirst().orElseThrow(() -> new AssertionError("no secret in " + conf));
    }

    /** What deploy/submit.sh needs to find this cluster (its master URL and configuration). */
    Map<String, String> environment() {
        return Map.of("SPARKDP_CLUSTER_DIR", dir.toString(), "SPARKDP_CLIENT_MEMORY", "3g");
    }

    /** The master and worker JVMs the script recorded, as they are now. */
    List<ProcessHandle> daemons() throws IOException {
        List<ProcessHandle> daemons = new ArrayList<>();
        Path pids = dir.resolve("pids");
        if (Files.exists(pids)) {
            for (String line : Files.readAllLines(pids)) {
                String[] fields = line.split(" ");
                if (!fields[0].equals("watcher")) {
                    ProcessHandle.of(Long.parseLong(fields[1])).ifPresent(daemons::add);
                }
            }
        }
        return daemons;
    }

    /** The daemons and every process they started (executors, cluster-mode drivers). */
    List<ProcessHandle> allProcesses() throws IOException {
        return daemons().stream().flatMap(d -> Stream.concat(Stream.of(d), d.descendants())).toList();
    }

    /** The executor JVMs the workers are running now. */
    List<ProcessHandle> executors() throws IOException {
        return allProcesses().stream()
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
    }

    /** How many executors the workers were asked to launch, read from their own logs. */
    long executorsLaunched() throws IOException {
        long launched = 0;
        try (var files = Files.list(dir.resolve("logs"))) {
            for (Path log : files.filter(p -> p.getFileName().toString().matches("worker-\\d+\\.log")).toList()) {
                launched += Files.readAllLines(log).stream().filter(l -> l.contains("Asked to launch executor")).count();
            }
        }
        return launched;
    }

    /** The work directory of the newest cluster-mode driver, where its stdout and stderr are. */
    Optional<Path> newestDriver() throws IOException {
        try (var found = Files.find(dir.resolve("work"), 2,
                (p, a) -> a.isDirectory() && p.getFileName().toString().startsWith("driver-"))) {
            return found.max((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        }
    }

    private void stop() {
        runStop(dir);
    }

    private static void runStop(Path dir) {
        try {
            SparkdpProcess.runCommand(List.of(script().toString(), "stop"), Map.of("SPARKDP_CLUSTER_DIR", dir.toString()),
                    dir, 2);
        } catch (Exception | AssertionError e) {
            System.err.println("could not stop the cluster in " + dir + ": " + e);
        }
    }

    /** Stops the cluster and checks that none of its processes is left. */
    @Override
    public void close() throws IOException {
        List<ProcessHandle> before = allProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run
        }
        stop();
        List<ProcessHandle> left = before.stream().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        assertTrue(left.isEmpty(), "local-cluster.sh stop left processes running: " + left);
    }
}
