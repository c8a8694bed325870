package io.sparkdp.driver;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.ShardPlan;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/**
 * "Sequential Fashion-MNIST" in DL4J's csvseq layout: each image one sequence of its 28 rows
 * (time steps) of 28 pixels (features, pixel / 255), in {@code features/NNNNN.csv}, its class in
 * {@code labels/NNNNN.csv}. Trailing all-black rows are dropped, so sequences differ in length
 * and the masks matter.
 */
final class FashionSequences {
    static final String FASHION = "idx:/usr/share/datasets/fashion-mnist";
    static final int SIDE = 28;

    private FashionSequences() {
    }

    /** The first {@code count} records of {@code part} as sequences under {@code dir}; returns the shortest length written. */
    static int write(Path dir, IdxSource.Part part, int count) {
        Configuration conf = new Configuration();
        IdxDataset data = IdxDataset.open(IdxSource.resolve(FASHION, part, conf), conf);
        ExampleBlock records = data.readTrainShard(conf, new ShardPlan(count, 0, 1, 0L), 0);
        int shortest = SIDE;
        try {
            Files.createDirectories(dir.resolve("features"));
            Files.createDirectories(dir.resolve("labels"));
            for (int i = 0; i < count; i++) {
                float[] pixels = records.range(i, i + 1).features();
                int rows = SIDE;
                while (rows > 1 && blank(pixels, rows - 1)) {
                    rows--;
                }
                shortest = Math.min(shortest, rows);
                String name = String.format("%05d.csv", i);
                try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("features").resolve(name))) {
                    for (int r = 0; r < rows; r++) {
                        StringBuilder row = new StringBuilder();
                        for (int c = 0; c < SIDE; c++) {
                            row.append(c == 0 ? "" : ",").append(pixels[r * SIDE + c]);
                        }
                        out.write(row.append('\n').toString());
                    }
                }
                Files.writeString(dir.resolve("labels").resolve(name), records.label(i) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return shortest;
    }

    private static boolean blank(float[] pixels, int row) {
        for (int c = 0; c < SIDE; c++) {
            if (pixels[row * SIDE + c] != 0) {
                return false;
            }
        }
        return true;
    }
}
