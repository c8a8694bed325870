package io.sparkdp.it;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The 10,000 Fashion-MNIST test images as gray PNG files on a Hadoop file system, one directory
 * per class ({@code <dir>/<label>/img-<index>.png}), read from the IDX pair without DL4J, with two
 * corrupt files among them: {@code 3/not-an-image.png} and {@code 7/truncated.png}.
 */
final class TestPngs {
    static final int IMAGES = 10_000;
    static final List<String> CORRUPT = List.of("/3/not-an-image.png", "/7/truncated.png");
    private static final int SIDE = 28;

    private TestPngs() {
    }

    static void export(Path idxDir, FileSystem target, String dir) throws Exception {
        byte[] pixels = idx(idxDir.resolve("t10k-images-idx3-ubyte.gz"), 16, IMAGES * SIDE * SIDE);
        byte[] labels = idx(idxDir.resolve("t10k-labels-idx1-ubyte.gz"), 8, IMAGES);
        Configuration quickClose = new Configuration(target.getConf());
        // A create-and-close waits for the NameNode, which HDFS polls every 400 ms by default: 10,000 small files.
        quickClose.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        ExecutorService writers = Executors.newFixedThreadPool(16);
        try (FileSystem fs = FileSystem.newInstance(target.getUri(), quickClose)) {
            List<Future<Void>> writes = new ArrayList<>();
            for (int i = 0; i < IMAGES; i++) {
                byte[] png = png(pixels, i);
                String name = dir + "/" + labels[i] + "/img-" + i + ".png";
                writes.add(writers.submit(() -> write(fs, name, png)));
            }
            writes.add(writers.submit(() -> write(fs, dir + CORRUPT.get(0), "plain text".getBytes(StandardCharsets.US_ASCII))));
            writes.add(writers.submit(() -> write(fs, dir + CORRUPT.get(1), java.util.Arrays.copyOf(png(pixels, 0), 60))));
            for (Future<Void> done : writes) {
                done.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    /** {@code count} bytes after an IDX file's header of {@code header} bytes. */
    private static byte[] idx(Path file, int header, int count) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            DataInputStream data = new DataInputStream(in);
            data.skipNBytes(header);
            byte[] out = new byte[count];
            data.readFully(out);
            return out;
        }
    }

    private static byte[] png(byte[] pixels, int image) throws IOException {
        BufferedImage gray = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(pixels, image * SIDE * SIDE, ((DataBufferByte) gray.getRaster().getDataBuffer()).getData(), 0, SIDE * SIDE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(gray, "png", out);
        return out.toByteArray();
    }

    private static Void write(FileSystem fs, String path, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(path))) {
            out.write(bytes);
        }
        return null;
    }
}
