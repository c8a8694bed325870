package io.sparkdp.models;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first images of the real Fashion-MNIST files, read straight from their gzipped IDX form
 * (the models module cannot see data-pipelines' reader): pixels scaled to [0, 1], one-hot labels.
 */
final class FashionMnist {
    static final Path DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    static final int SIDE = 28;
    static final int CLASSES = 10;

    private FashionMnist() {
    }

    /** The first {@code count} examples of {@code train} or {@code t10k}, as FLOAT rows of 784 values. */
    static DataSet first(String split, int count) throws IOException {
        float[] pixels = new float[count * SIDE * SIDE];
        try (DataInputStream in = open(split + "-images-idx3-ubyte.gz", 0x803)) {
            int available = in.readInt();
            if (available < count || in.readInt() != SIDE || in.readInt() != SIDE) {
                throw new IOException(split + " images: expected at least " + count + " of 28x28");
            }
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = in.readUnsignedByte() / 255f;
            }
        }
        float[] labels = new float[count * CLASSES];
        try (DataInputStream in = open(split + "-labels-idx1-ubyte.gz", 0x801)) {
            in.readInt();
            for (int i = 0; i < count; i++) {
                labels[i * CLASSES + in.readUnsignedByte()] = 1f;
            }
        }
        return new DataSet(Nd4j.create(pixels, new long[]{count, SIDE * SIDE}, 'c').castTo(DataType.FLOAT),
                Nd4j.create(labels, new long[]{count, CLASSES}, 'c').castTo(DataType.FLOAT));
    }

    private static DataInputStream open(String file, int magic) throws IOException {
        InputStream raw = new GZIPInputStream(Files.newInputStream(DIRECTORY.resolve(file)));
        DataInputStream in = new DataInputStream(raw);
        if (in.readInt() != magic) {
            in.close();
            throw new IOException(file + " is not an IDX file of magic " + Integer.toHexString(magic));
        }
        return in;
    }
}
