package io.sparkdp.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.driver.model.ModelArchives;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelOptions;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** {@code sparkdp sample}: PNGs of the generator's images that read back, the same for the same seed; no GAN, one line. */
class SampleCommandTest {
    @TempDir
    Path dir;

    private Path gan() throws IOException {
        var network = ModelZoo.create("gan", new ModelRequest(new InputShape(1, 28, 28), 10, 3L, OptimizerConfig.defaults(),
                DataType.FLOAT, new ModelOptions(Map.of("filters", "4,8", "latent", "8"), "auto", "auto", 0, 0)));
        Path zip = dir.resolve("gan.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            ModelArchives.write(network, out);
        }
        return zip;
    }

    private static byte[][] pixels(Path folder, int count) throws IOException {
        byte[][] all = new byte[count][];
        for (int i = 0; i < count; i++) {
            BufferedImage image = ImageIO.read(folder.resolve(String.format("sample-%05d.png", i)).toFile());
            assertEquals(28, image.getWidth());
            assertEquals(28, image.getHeight());
            assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
            all[i] = new byte[28 * 28];
            image.getRaster().getDataElements(0, 0, 28, 28, all[i]);
        }
        return all;
    }

    @Test
    void writesCountGrayPngsThatReadBackAndTheSameSeedDrawsTheSameImages() throws IOException {
        Path model = gan();
        CliRun.Outcome first = CliRun.run("sample", "--model", model.toString(), "--count", "5", "--output", dir.resolve("a").toString(),
                "--seed", "9");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("wrote 5 images"), first.out());
        try (var files = Files.list(dir.resolve("a"))) {
            assertEquals(5, files.filter(f -> f.getFileName().toString().matches("sample-\\d{5}\\.png")).count());
        }
        CliRun.run("sample", "--model", model.toString(), "--count", "5", "--output", dir.resolve("b").toString(), "--seed", "9");
        byte[][] a = pixels(dir.resolve("a"), 5);
        byte[][] b = pixels(dir.resolve("b"), 5);
        for (int i = 0; i < 5; i++) {
            assertTrue(Arrays.equals(a[i], b[i]), "image " + i + " differs between two draws of one seed");
        }
        assertTrue(!Arrays.equals(a[0], a[1]), "two images of one draw are the same");
    }

    @Test
    void refusesAModelThatIsNoGanAndFilesThatExistInOneLine() throws IOException {
        Path mlp = dir.resolve("mlp.zip");
        new ModelStore(new Configuration()).save(ModelZoo.build("mlp", ModelRequest.of(new InputShape(1, 28, 28), 10, 1L,
                OptimizerConfig.defaults())), mlp.toString());
        CliRun.Outcome notGan = CliRun.run("sample", "--model", mlp.toString(), "--count", "3", "--output", dir.resolve("x").toString());
        assertEquals(1, notGan.code());
        assertEquals(1, notGan.err().strip().lines().count(), notGan.err());
        assertTrue(notGan.err().contains("is no GAN"), notGan.err());

        Path model = gan();
        assertEquals(0, CliRun.run("sample", "--model", model.toString(), "--count", "2", "--output", dir.resolve("y").toString()).code());
        CliRun.Outcome again = CliRun.run("sample", "--model", model.toString(), "--count", "2", "--output", dir.resolve("y").toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("--overwrite"), again.err());
        assertEquals(0, CliRun.run("sample", "--model", model.toString(), "--count", "2", "--output", dir.resolve("y").toString(),
                "--overwrite").code());
        CliRun.Outcome none = CliRun.run("sample", "--model", model.toString(), "--count", "0", "--output", dir.resolve("z").toString());
        assertNotEquals(0, none.code());
        assertEquals(1, none.err().strip().lines().count(), none.err());
    }
}
