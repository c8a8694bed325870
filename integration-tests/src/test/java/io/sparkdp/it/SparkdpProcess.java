package io.sparkdp.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/sparkdp} as a separate process, with a time limit, and keeps its output. */
final class SparkdpProcess {
    private static final Path HOME = Path.of(System.getProperty("sparkdp.home", "..")).toAbsolutePath().normalize();

    /** Exit code, stdout and stderr of a finished run. */
    record Result(int code, String out, String err) {
        List<String> outLines() {
            return out.lines().filter(l -> !l.isBlank()).toList();
        }

        String lastLine() {
            List<String> lines = outLines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    private SparkdpProcess() {
    }

    static Result run(Path logDir, long timeoutMinutes, String... args) throws IOException, InterruptedException {
        Path launcher = HOME.resolve("bin/sparkdp");
        assertTrue(Files.isExecutable(launcher), "no launcher at " + launcher);
        assertTrue(Files.isRegularFile(HOME.resolve("deploy/target/sparkdp.jar")),
                "the application jar is not built: run mvn package (deploy builds before integration-tests)");
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Files.createDirectories(logDir);
        Path out = Files.createTempFile(logDir, "sparkdp-", ".out");
        Path err = Files.createTempFile(logDir, "sparkdp-", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                throw new AssertionError("sparkdp " + String.join(" ", args) + " did not finish in " + timeoutMinutes + " min");
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
