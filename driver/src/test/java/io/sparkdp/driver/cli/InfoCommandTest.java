package io.sparkdp.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code sparkdp info} on this machine: the CPU backend, its threads and the versions it was built with. */
class InfoCommandTest {
    @Test
    void printsBackendDevicesThreadsAndVersionsAndExitsZero() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = SparkdpMain.run("info");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        for (String key : List.of("backend", "devices", "gpu binding", "threads", "blas", "sparkdp", "spark", "dl4j", "nd4j",
                "java", "os")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(key + ": ")), "no '" + key + ":' line in " + lines);
        }
        assertTrue(lines.stream().allMatch(l -> l.contains(": ")), "every line is key: value " + lines);
    }

    @Test
    void reportsWhatThisBuildRunsWith() {
        Map<String, String> facts = InfoCommand.facts();
        assertTrue(facts.get("backend").startsWith("CPU (") && facts.get("backend").contains("nd4j-native 1.0.0-M2"),
                facts.get("backend"));
        assertEquals("CPU only", facts.get("devices"));
        assertTrue(facts.get("gpu binding").contains("CPU backend"), facts.get("gpu binding"));
        assertEquals("3.5.7", facts.get("spark"));
        assertEquals("deeplearning4j-nn 1.0.0-M2", facts.get("dl4j"));
        assertEquals("nd4j-api 1.0.0-M2", facts.get("nd4j"));
        assertTrue(facts.get("java").contains(Runtime.version().feature() + "."), facts.get("java"));
        assertTrue(facts.get("threads").matches("ND4J \\d+, ND4J master \\d+, BLAS \\d+, OMP_NUM_THREADS \\S+, processors \\d+"),
                facts.get("threads"));
        assertTrue(facts.get("blas").matches("OPENBLAS \\(openblas \\d+\\.\\d+\\.\\d+-1\\.5\\.7\\)"), facts.get("blas"));
    }
}
