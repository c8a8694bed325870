package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, as the machine's tests may run it: as root (so no sandbox), with
 * no network (every host name resolves to nothing, and the background services that would call
 * out are off), a fresh profile, and a time limit after which it is killed with its children.
 * Console messages go to stderr, one {@code :CONSOLE} line each.
 */
public final class HeadlessChromium {
    private static final List<String> BINARIES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final long TIMEOUT_SECONDS = 90;

    /** What one run printed. */
    public record Output(String stdout, List<String> consoleLines) {
    }

    private final Path binary;
    private final Path scratch;

    private HeadlessChromium(Path binary, Path scratch) {
        this.binary = binary;
        this.scratch = scratch;
    }

    /** Fails the test, not skips it, where Chromium is missing: CI installs it. */
    public static HeadlessChromium find(Path scratch) {
        for (String candidate : BINARIES) {
            if (Files.isExecutable(Path.of(candidate))) {
                return new HeadlessChromium(Path.of(candidate), scratch);
            }
        }
        return fail("Chromium is not installed (looked for " + String.join(", ", BINARIES)
                + "): run 'apt-get install -y chromium', as .ci/run does");
    }

    /** The page's DOM after its scripts ran. */
    public Output dumpDom(Path page) throws IOException, InterruptedException {
        return run("dom", "--dump-dom", page.toUri().toString());
    }

    /** A PNG of the page at {@code width} x {@code height} pixels. */
    public Output screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        return run("shot", "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", page.toUri().toString());
    }

    private Output run(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000", "--user-data-dir=" + Files.createTempDirectory(scratch, "profile-")));
        command.addAll(List.of(args));
        Path out = scratch.resolve(name + ".out");
        Path err = scratch.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                fail("Chromium exited with " + process.exitValue() + ": " + Files.readString(err));
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        List<String> console = Files.readAllLines(err).stream().filter(l -> l.contains(":CONSOLE")).toList();
        return new Output(Files.readString(out), console);
    }
}
