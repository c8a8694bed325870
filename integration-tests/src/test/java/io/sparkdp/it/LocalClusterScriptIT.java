package io.sparkdp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/local-cluster.sh} itself: its processes listen on loopback only, it keeps its
 * secret out of every command line and out of other users' reach, it reports its state, it
 * refuses bad input with one line, and {@code stop} ends exactly what {@code start} began.
 */
class LocalClusterScriptIT {
    @TempDir
    Path dir;

    private SparkdpProcess.Result script(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(StandaloneCluster.script().toString()));
        command.addAll(List.of(args));
        return SparkdpProcess.runCommand(command, Map.of("SPARKDP_CLUSTER_DIR", dir.resolve("c").toString()), dir, 2);
    }

    @Test
    void badInputGetsOneLineAndExitTwo() throws Exception {
        for (String[] args : new String[][]{{}, {"start"}, {"start", "zero"}, {"restart"}}) {
            SparkdpProcess.Result result = script(args);
            assertEquals(2, result.code(), String.join(" ", args) + ": " + result);
            assertEquals(1, result.err().lines().count(), result.toString());
            assertTrue(result.err().startsWith("local-cluster.sh: "), result.toString());
        }
        SparkdpProcess.Result status = script("status");
        assertEquals(3, status.code(), "status without a cluster: " + status);
    }

    @Test
    void listensOnLoopbackOnlyKeepsItsSecretAndStopsExactlyItsProcesses() throws Exception {
        List<ProcessHandle> processes;
        try (StandaloneCluster cluster = StandaloneCluster.start(1, dir.resolve("c"))) {
            processes = cluster.allProcesses();
            assertEquals(2, processes.size(), "a master and one worker");
            SparkdpProcess.Result status = script("status");
            assertEquals(0, status.code(), status.toString());
            assertTrue(status.out().contains("workers registered 1"), status.toString());

            List<String> listening = listeningAddresses(processes);
            assertFalse(listening.isEmpty(), "the daemons listen somewhere");
            assertTrue(listening.stream().allMatch(a -> a.startsWith("127.0.0.1:")), "not loopback only: " + listening);

            Path conf = cluster.dir().resolve("conf/spark-defaults.conf");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
            String secret = cluster.secret();
            assertTrue(secret.length() >= 64, "a 256-bit secret");
            assertTrue(Files.readString(conf).contains("spark.authenticate               true"), "authentication on");
            for (ProcessHandle p : processes) {
                assertFalse(p.info().commandLine().orElse("").contains(secret), "secret on a command line: " + p);
            }
        }
        assertTrue(processes.stream().noneMatch(ProcessHandle::isAlive), "stop ended the cluster's processes");
        assertEquals(3, script("status").code(), "nothing recorded after stop");
    }

    /** The local addresses the given processes listen on, from {@code ss}. */
    private static List<String> listeningAddresses(List<ProcessHandle> processes) throws Exception {
        SparkdpProcess.Result ss = SparkdpProcess.runCommand(List.of("ss", "-ltnpH"), Map.of(), Path.of("target"), 1);
        assertEquals(0, ss.code(), ss.toString());
        List<String> pids = processes.stream().map(p -> "pid=" + p.pid() + ",").toList();
        return ss.out().lines().filter(l -> pids.stream().anyMatch(l::contains)).map(l -> l.trim().split("\\s+")[3]).toList();
    }
}
