package io.sparkdp.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link HdfsFixture} per test class, started before the class's {@code @BeforeAll} methods
 * and shut down (its storage deleted) after its {@code @AfterAll} methods:
 * {@code @RegisterExtension static final HdfsExtension hdfs = new HdfsExtension();}.
 */
public final class HdfsExtension implements BeforeAllCallback, AfterAllCallback {
    private Path base;
    private HdfsFixture fixture;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        base = Files.createTempDirectory("sparkdp-hdfs-");
        fixture = HdfsFixture.start(base);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (fixture != null) {
                fixture.close();
            }
        } finally {
            try (var paths = Files.walk(base)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** See {@link HdfsFixture#conf()}. */
    public Configuration conf() {
        return fixture.conf();
    }

    /** See {@link HdfsFixture#root()}. */
    public String root() throws IOException {
        return fixture.root();
    }

    public FileSystem fs() throws IOException {
        return fixture.fs();
    }

    /** See {@link HdfsFixture#put}. */
    public void put(Path local, String hdfsPath) throws IOException {
        fixture.put(local, hdfsPath);
    }
}
