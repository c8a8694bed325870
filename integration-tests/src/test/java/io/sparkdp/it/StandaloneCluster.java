package io.sparkdp.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on this machine: a master and N workers, each its own JVM
 * started from a Spark home of Spark's jars alone (no sparkdp, no DL4J), every port on
 * 127.0.0.1. Executors are further JVMs the workers start. {@link #close} ends every process
 * this fixture started, executors included, also after a failure.
 */
final class StandaloneCluster implements AutoCloseable {
    static final List<String> OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net",
            "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs",
            "sun.security.action", "sun.util.calendar").stream().map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").toList();

    private final Path sparkHome;
    private final Path logs;
    private final List<Process> processes = new ArrayList<>();
    private final int masterPort;
    private final int masterUiPort;

    private StandaloneCluster(Path sparkHome, Path logs) throws IOException {
        this.sparkHome = sparkHome;
        this.logs = logs;
        this.masterPort = freePort();
        this.masterUiPort = freePort();
    }

    /** Starts a master and {@code workers} workers of one core each, and waits until all have registered. */
    static StandaloneCluster start(Path sparkHome, int workers, int workerMemoryMb, Path logs) throws Exception {
        if (!Files.isDirectory(sparkHome.resolve("jars"))) {
            throw new IllegalStateException("no Spark home at " + sparkHome + ": run the build through pre-integration-test");
        }
        Files.createDirectories(logs);
        StandaloneCluster cluster = new StandaloneCluster(sparkHome, logs);
        try {
            cluster.launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", String.valueOf(cluster.masterPort), "--webui-port", String.valueOf(cluster.masterUiPort));
            cluster.awaitPort(cluster.masterPort);
            for (int w = 0; w < workers; w++) {
                Path work = Files.createDirectories(logs.resolve("worker-" + w + "-work"));
                cluster.launch("worker-" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--cores", "1", "--memory", workerMemoryMb + "m", "--webui-port", String.valueOf(freePort()),
                        "--work-dir", work.toString(), cluster.masterUrl());
            }
            cluster.awaitAliveWorkers(workers);
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** How many executors the workers were asked to launch, read from their own logs. */
    long executorsLaunched() throws IOException {
        long launched = 0;
        try (var files = Files.list(logs)) {
            for (Path log : files.filter(p -> p.getFileName().toString().matches("worker-\\d+\\.out")).toList()) {
                launched += Files.readAllLines(log).stream().filter(l -> l.contains("Asked to launch executor")).count();
            }
        }
        return launched;
    }

    /** The executor JVMs the workers are running now. */
    List<ProcessHandle> executors() {
        return processes.stream().flatMap(Process::descendants)
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The environment every JVM of the cluster, and a submitting client, runs with. */
    Map<String, String> environment() {
        return Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.12", "SPARK_LOCAL_IP", "127.0.0.1",
                "SPARK_LOCAL_DIRS", logs.resolve("local").toString());
    }

    /** The class path of Spark's jars, for a JVM that runs Spark's own classes (a submitting client). */
    String classPath() {
        return sparkHome.resolve("jars") + "/*";
    }

    private void launch(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m"));
        command.addAll(OPENS);
        command.addAll(List.of("-cp", classPath(), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(logs.resolve(name + ".out").toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment());
        processes.add(builder.start());
    }

    private void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the master did not open port " + port + " within 60 s; see " + logs.resolve("master.out"));
    }

    private void awaitAliveWorkers(int expected) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                .timeout(Duration.ofSeconds(2)).build();
        Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            try {
                Matcher m = alive.matcher(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
                seen = m.find() ? Integer.parseInt(m.group(1)) : 0;
                if (seen >= expected) {
                    return;
                }
            } catch (IOException notYet) {
                // the web UI is not up yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(seen + " of " + expected + " workers registered within 90 s; see the logs in " + logs);
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
