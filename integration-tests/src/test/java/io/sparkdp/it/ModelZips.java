package io.sparkdp.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Compares model zips as files, without DL4J on the test's class path. */
final class ModelZips {
    private ModelZips() {
    }

    /** Asserts that two models hold bit-identical parameters and optimizer state. */
    static void assertSameState(String expectedZip, String actualZip) throws IOException {
        for (String entry : new String[]{"coefficients.bin", "updaterState.bin"}) {
            assertTrue(Arrays.equals(entry(expectedZip, entry), entry(actualZip, entry)),
                    entry + " of " + actualZip + " differs from " + expectedZip);
        }
    }

    static byte[] entry(String zip, String name) throws IOException {
        try (ZipFile file = new ZipFile(zip)) {
            ZipEntry entry = file.getEntry(name);
            assertTrue(entry != null, zip + " has no " + name);
            try (var in = file.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }
}
