package io.sparkdp.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes real Fashion-MNIST records as an {@code images:} tree: one folder per class, named by
 * {@link #CLASS_NAMES}, holding 8-bit gray PNG files named by record index.
 */
public final class PngTree {
    /** Fashion-MNIST's classes, prefixed so that their sorted order is the class-index order. */
    public static final List<String> CLASS_NAMES = List.of("0-tshirt", "1-trouser", "2-pullover", "3-dress", "4-coat",
            "5-sandal", "6-shirt", "7-sneaker", "8-bag", "9-ankle-boot");

    private PngTree() {
    }

    /**
     * Writes the first {@code count} records of the Fashion-MNIST {@code part} under {@code dir}.
     *
     * @return the records written, as one block in record order
     */
    public static ExampleBlock write(Path dir, IdxSource.Part part, int count) {
        Configuration conf = new Configuration();
        IdxDataset data = IdxDataset.open(IdxSource.resolve("idx:" + IdxFiles.FASHION, part, conf), conf);
        ExampleBlock records = data.readTrainShard(conf, new ShardPlan(count, 0, 1, 0L), 0);
        try {
            for (String name : CLASS_NAMES) {
                Files.createDirectories(dir.resolve(name));
            }
            for (int i = 0; i < records.size(); i++) {
                Path file = dir.resolve(CLASS_NAMES.get(records.label(i))).resolve(String.format("%06d.png", i));
                ImageIO.write(image(records.range(i, i + 1).features()), "png", file.toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    /**
     * Writes {@code records} as an IDX pair ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte})
     * under {@code dir}, in the order an {@code images:} tree written by {@link #write} lists them:
     * class by class, and by record index within a class. Training from the pair and from the tree
     * then sees the same record at every index.
     */
    public static void writeIdxInListingOrder(Path dir, ExampleBlock records) {
        int size = records.featureSize();
        byte[] pixels = new byte[records.size() * size];
        byte[] labels = new byte[records.size()];
        int at = 0;
        for (int label = 0; label < CLASS_NAMES.size(); label++) {
            for (int i = 0; i < records.size(); i++) {
                if (records.label(i) == label) {
                    float[] scaled = records.range(i, i + 1).features();
                    for (int j = 0; j < size; j++) {
                        pixels[at * size + j] = (byte) Math.round(scaled[j] * 255f);
                    }
                    labels[at++] = (byte) label;
                }
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.idx(new int[] {records.size(), 28, 28}, pixels));
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.idx(new int[] {records.size()}, labels));
    }

    private static BufferedImage image(float[] scaled) {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        byte[] raster = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int j = 0; j < raster.length; j++) {
            raster[j] = (byte) Math.round(scaled[j] * 255f);
        }
        return image;
    }
}
