package io.sparkdp.driver.score;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.ShardPlan;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;

/**
 * The inputs of {@link ScoreBench}, written once to a local scratch directory from the first
 * {@code images} images of an IDX source, test images first, then training images (up to 70,000
 * of Fashion-MNIST, so that the fixed cost of a job can be measured against a large input): the same pixels as 8-bit gray PNG files (one
 * directory per class, as users lay them out) and as an IDX pair, each also as a one-image input
 * whose run measures the fixed cost of a scoring command.
 *
 * @param pixels unsigned gray levels, {@code images x height x width}, as read from the source
 * @param height image rows
 * @param width  image columns
 * @param png    directory of all the PNG files
 * @param onePng directory of one PNG file
 * @param idx    {@code idx:<images>,<labels>} spec of all the images
 * @param oneIdx {@code idx:<images>,<labels>} spec of one image
 */
record ScoreBenchData(byte[] pixels, int height, int width, Path png, Path onePng, String idx, String oneIdx) {
    static ScoreBenchData write(String source, int images, Path scratch) {
        var conf = new Configuration();
        IdxDataset test = IdxDataset.open(IdxSource.resolve(source, IdxSource.Part.TEST, conf), conf);
        IdxDataset train = IdxDataset.open(IdxSource.resolve(source, IdxSource.Part.TRAIN, conf), conf);
        int n = (int) Math.min(images, test.records() + train.records());
        int size = test.height() * test.width();
        byte[] pixels = new byte[n * size];
        byte[] labels = new byte[n];
        int fromTest = (int) Math.min(n, test.records());
        copy(test, fromTest, conf, pixels, labels, 0);
        copy(train, n - fromTest, conf, pixels, labels, fromTest);
        int height = test.height();
        int width = test.width();
        if (train.height() != height || train.width() != width) {
            throw new IllegalArgumentException("training and test images of " + source + " differ in size");
        }
        try {
            for (int i = 0; i < n; i++) {
                writePng(pixels, i, height, width, scratch.resolve("png/class-" + labels[i] + "/img-" + i + ".png"));
            }
            writePng(pixels, 0, height, width, scratch.resolve("one-png/img-0.png"));
            return new ScoreBenchData(pixels, height, width, scratch.resolve("png"), scratch.resolve("one-png"),
                    writeIdx(pixels, labels, n, height, width, scratch.resolve("all")),
                    writeIdx(pixels, labels, 1, height, width, scratch.resolve("one")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the score bench's inputs to " + scratch, e);
        }
    }

    /** The first {@code n} images of {@code data} as gray levels and labels, from record {@code at} on. */
    private static void copy(IdxDataset data, int n, Configuration conf, byte[] pixels, byte[] labels, int at) {
        if (n == 0) {
            return;
        }
        ExampleBlock block = data.readTrainShard(conf, new ShardPlan(n, 0, 1, 0L), 0);
        int size = block.featureSize();
        float[] features = block.range(0, n).features();
        for (int i = 0; i < n * size; i++) {
            pixels[at * size + i] = (byte) Math.round(features[i] * 255f); // ExampleBlock.scale inverted exactly
        }
        for (int i = 0; i < n; i++) {
            labels[at + i] = (byte) block.label(i);
        }
    }

    int images() {
        return pixels.length / (height * width);
    }

    private static void writePng(byte[] pixels, int index, int height, int width, Path file) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(pixels, index * height * width, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(),
                0, height * width);
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    /** An uncompressed IDX pair of the first {@code n} images; returns its {@code idx:} spec. */
    private static String writeIdx(byte[] pixels, byte[] labels, int n, int height, int width, Path prefix)
            throws IOException {
        Path images = Path.of(prefix + "-images-idx3-ubyte");
        Path labelFile = Path.of(prefix + "-labels-idx1-ubyte");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(images))) {
            out.writeInt(0x00000803);
            out.writeInt(n);
            out.writeInt(height);
            out.writeInt(width);
            out.write(pixels, 0, n * height * width);
        }
        try (OutputStream raw = Files.newOutputStream(labelFile); DataOutputStream out = new DataOutputStream(raw)) {
            out.writeInt(0x00000801);
            out.writeInt(n);
            out.write(labels, 0, n);
        }
        return "idx:" + images.toUri() + "," + labelFile.toUri();
    }
}
