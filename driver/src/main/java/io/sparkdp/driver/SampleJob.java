package io.sparkdp.driver;

import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.network.GanNetwork;
import io.sparkdp.models.network.NetworkConfiguration;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws images from a trained GAN's generator and writes them as PNG files
 * {@code sample-00000.png, ...} into a directory on any Hadoop URI: gray for one channel, RGB for
 * three, pixel values in [0, 1] scaled to 0..255 as the data pipeline scales them the other way.
 * The noise comes from {@code seed} alone, so the same seed draws the same images.
 */
public final class SampleJob {
    /** Images generated per forward pass. */
    private static final int CHUNK = 256;

    private SampleJob() {
    }

    /**
     * What to draw.
     *
     * @param model     model zip of a GAN written by {@code sparkdp train --model gan}
     * @param count     images to draw, at least 1
     * @param output    directory to write them into, created if missing
     * @param seed      seed of the generator's noise
     * @param overwrite whether files already there may be replaced
     */
    public record Request(String model, int count, String output, long seed, boolean overwrite) {
        public Request {
            if (count < 1) {
                throw new IllegalArgumentException("--count must be at least 1, got " + count);
            }
            if (model == null || model.isBlank() || output == null || output.isBlank()) {
                throw new IllegalArgumentException("--model and --output are required");
            }
        }
    }

    /**
     * Draws and writes the images; returns their URIs in order.
     *
     * @throws IllegalArgumentException in one line for a model that is no GAN
     * @throws ModelStore.StorageException in one line when the model cannot be read or the files written
     */
    public static List<String> run(Configuration hadoop, Request request) {
        ModelStore.StoredModel stored = new ModelStore(hadoop).loadForInference(request.model());
        if (!(stored.model() instanceof GanNetwork gan)) {
            throw new IllegalArgumentException("model " + request.model() + " is no GAN but a " + stored.model().configuration().kind()
                    + "; sparkdp sample draws images from a model trained with --model gan");
        }
        stored.metadata().filter(m -> !m.normalizer().identity()).ifPresent(m -> {
            throw new IllegalArgumentException("model " + request.model() + " was trained on normalised features ("
                    + m.normalization() + "), which are no pixels; train it with --normalize none to sample images");
        });
        InputShape shape = ((NetworkConfiguration.Gan) gan.configuration()).image();
        Nd4j.getRandom().setSeed(request.seed());
        List<String> written = new ArrayList<>();
        try {
            Path dir = new Path(request.output());
            FileSystem fs = dir.getFileSystem(hadoop);
            fs.mkdirs(dir);
            for (int from = 0; from < request.count(); from += CHUNK) {
                INDArray images = gan.generate(Math.min(CHUNK, request.count() - from)).castTo(DataType.FLOAT);
                for (int i = 0; i < images.size(0); i++) {
                    Path file = new Path(dir, String.format("sample-%05d.png", from + i));
                    write(fs, file, png(images.getRow(i).toFloatVector(), shape), request.overwrite());
                    written.add(file.toString());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelStore.StorageException("cannot write samples to " + request.output() + ": " + ModelStore.reason(e), e);
        }
        return written;
    }

    private static void write(FileSystem fs, Path file, byte[] png, boolean overwrite) throws IOException {
        if (!overwrite && fs.exists(file)) {
            throw new IOException(file.getName() + " already exists; pass --overwrite to replace it");
        }
        try (OutputStream out = fs.create(file, true)) {
            out.write(png);
        }
    }

    /** One image's PNG bytes from its flat channels-first values in [0, 1]. */
    static byte[] png(float[] values, InputShape shape) throws IOException {
        int h = shape.height();
        int w = shape.width();
        boolean gray = shape.channels() == 1;
        BufferedImage image = new BufferedImage(w, h, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (gray) {
                    image.getRaster().setSample(x, y, 0, level(values[y * w + x]));
                } else {
                    int rgb = 0;
                    for (int c = 0; c < 3; c++) {
                        rgb = rgb << 8 | level(values[c * h * w + y * w + x]);
                    }
                    image.setRGB(x, y, rgb);
                }
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    private static int level(float value) {
        return Math.max(0, Math.min(255, Math.round(value * 255)));
    }
}
