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

    /** Runs {@code bin/sparkdp} with these arguments. */
    static Result run(Path logDir, long timeoutMinutes, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher().toString()));
        command.addAll(List.of(args));
        return runCommand(command, java.util.Map.of(), logDir, timeoutMinutes);
    }

    /** {@code bin/sparkdp}. */
    static Path launcher() {
        return script("bin/sparkdp");
    }

    /** A script of the repository, such as {@code deploy/submit.sh}. */
    static Path script(String relative) {
        Path script = HOME.resolve(relative);
        assertTrue(Files.isExecutable(script), "no executable " + script);
        return script;
    }

    /** The application jar, as a user hands it to spark-submit. */
    static Path applicationJar() {
        Path jar = HOME.resolve("deploy/target/sparkdp.jar");
        assertTrue(Files.isRegularFile(jar), "the application jar is not built: run mvn package (deploy builds before integration-tests)");
        return jar;
    }

    /** Runs any command with extra environment variables, keeping its output. */
    static Result runCommand(List<String> command, java.util.Map<String, String> environment, Path logDir, long timeoutMinutes)
            throws IOException, InterruptedException {
        return start(command, environment, logDir).await(timeoutMinutes);
    }

    /** Starts a command in the background; {@link Running#await} collects it. */
    static Running start(List<String> command, java.util.Map<String, String> environment, Path logDir) throws IOException {
        applicationJar();
        Files.createDirectories(logDir);
        Path out = Files.createTempFile(logDir, "sparkdp-", ".out");
        Path err = Files.createTempFile(logDir, "sparkdp-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        return new Running(String.join(" ", command), builder.start(), out, err);
    }

    /** A command running in the background, with its output going to files. */
    record Running(String command, Process process, Path out, Path err) {
        /** What it has written to stderr so far. */
        String errSoFar() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        /** Waits for it to end (killing it and everything it started if it runs too long) and returns its result. */
        Result await(long timeoutMinutes) throws IOException, InterruptedException {
            try {
                if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                    throw new AssertionError(command + " did not finish in " + timeoutMinutes + " min");
                }
            } finally {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
    }
}
