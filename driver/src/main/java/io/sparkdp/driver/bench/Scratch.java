package io.sparkdp.driver.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A benchmark's scratch directory under the temporary directory, made for one run and deleted after it. */
public final class Scratch {
    private Scratch() {
    }

    /** A new empty directory named {@code prefix...}. */
    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory " + prefix + "*", e);
        }
    }

    /** Deletes {@code dir} and everything in it, as far as it can. */
    public static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Scratch space under the temporary directory: leaving it costs nothing but disk.
        }
    }
}
