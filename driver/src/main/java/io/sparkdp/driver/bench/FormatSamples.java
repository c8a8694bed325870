package io.sparkdp.driver.bench;

import io.sparkdp.data.DataConfig;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.ShardPlan;
import io.sparkdp.driver.spark.SparkContexts;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.api.java.JavaRDD;

/**
 * The same training records in every input format, for {@link FormatBench}: the first
 * {@code records} of an IDX source, written to a scratch directory as the tools users have write
 * them: PNG files in class folders, a CSV file with a header and a label column, a LibSVM file
 * (non-zero values only), Parquet written by Spark with an ML vector column, and DL4J's
 * sequence layout ({@code features/} and {@code labels/} files, one pair per image, its rows as
 * time steps: sequential Fashion-MNIST). The text and vector formats hold the pixels scaled to
 * [0, 1], the values the IDX and PNG readers produce, so every format trains on the same numbers.
 */
final class FormatSamples {
    /**
     * One input: its name in the report, its {@code --data} spec, the options that read it, its
     * bytes on disk, and the model that trains on it, if not the bench's own (sequences need a
     * recurrent one), with its {@code --model-arg} values.
     */
    record Format(String name, String spec, DataConfig options, long bytes, Optional<String> model,
                  Map<String, String> modelArgs) {
        Format(String name, String spec, DataConfig options, long bytes) {
            this(name, spec, options, bytes, Optional.empty(), Map.of());
        }
    }

    /** The model the bench trains on sequences: a small LSTM, as the sequences' tests train. */
    static final String SEQUENCE_MODEL = "lstm";
    static final Map<String, String> SEQUENCE_MODEL_ARGS = Map.of("hidden", "32");

    private final byte[] pixels;
    private final int[] labels;
    private final int height;
    private final int width;

    private FormatSamples(byte[] pixels, int[] labels, int height, int width) {
        this.pixels = pixels;
        this.labels = labels;
        this.height = height;
        this.width = width;
    }

    /** Writes the first {@code records} training records of {@code idxSpec} in every format under {@code scratch}. */
    static List<Format> write(String idxSpec, int records, Path scratch, JavaSparkContext sc) {
        Configuration conf = sc.hadoopConfiguration();
        IdxDataset idx = IdxDataset.open(IdxSource.resolve(idxSpec, IdxSource.Part.TRAIN, conf), conf);
        int n = (int) Math.min(records, idx.records());
        ExampleBlock block = idx.readTrainShard(conf, new ShardPlan(n, 0, 1, 0L), 0);
        float[] scaled = block.range(0, n).features();
        byte[] pixels = new byte[scaled.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) Math.round(scaled[i] * 255f); // ExampleBlock.scale inverted exactly
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = block.label(i);
        }
        FormatSamples samples = new FormatSamples(pixels, labels, idx.height(), idx.width());
        try {
            return List.of(
                    new Format("idx", idxSpec, DataConfig.defaults(), (long) n * (samples.size() + 1)),
                    samples.png(scratch.resolve("png")),
                    samples.csv(scratch.resolve("data.csv")),
                    samples.libsvm(scratch.resolve("data.libsvm")),
                    samples.parquet(scratch.resolve("data.parquet"), sc),
                    samples.sequences(scratch.resolve("seq")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the format bench's inputs to " + scratch, e);
        }
    }

    private int size() {
        return height * width;
    }

    private Format png(Path dir) throws IOException {
        for (int i = 0; i < labels.length; i++) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            System.arraycopy(pixels, i * size(), ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, size());
            Path file = dir.resolve(labels[i] + "/img-" + i + ".png");
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        }
        return new Format("images (PNG)", "images:" + dir.toUri(), DataConfig.defaults(), bytes(dir));
    }

    private Format csv(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("label");
            for (int j = 0; j < size(); j++) {
                out.write(",p" + j);
            }
            out.newLine();
            for (int i = 0; i < labels.length; i++) {
                out.write(Integer.toString(labels[i]));
                for (int j = 0; j < size(); j++) {
                    out.write(',');
                    out.write(value(i, j));
                }
                out.newLine();
            }
        }
        DataConfig options = DataConfig.defaults().withHeader(true).withLabelColumn("label");
        return new Format("csv", "csv:" + file.toUri(), options, Files.size(file));
    }

    private Format libsvm(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < labels.length; i++) {
                out.write(Integer.toString(labels[i]));
                for (int j = 0; j < size(); j++) {
                    if (pixels[i * size() + j] != 0) {
                        out.write(" " + (j + 1) + ":" + value(i, j));
                    }
                }
                out.newLine();
            }
        }
        DataConfig options = DataConfig.defaults().withNumFeatures(size());
        return new Format("libsvm", "libsvm:" + file.toUri(), options, Files.size(file));
    }

    private Format parquet(Path dir, JavaSparkContext sc) throws IOException {
        List<Row> rows = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            double[] values = new double[size()];
            for (int j = 0; j < size(); j++) {
                values[j] = ExampleBlock.scale(pixels[i * size() + j]);
            }
            rows.add(RowFactory.create(Vectors.dense(values).compressed(), (double) labels[i]));
        }
        StructType schema = new StructType().add("features", new VectorUDT()).add("label", DataTypes.DoubleType);
        // Slices of ~200 rows keep each task under Spark's recommended size; Parquet gets one file per slice.
        JavaRDD<Row> rdd = sc.parallelize(rows, Math.max(1, rows.size() / 200));
        SparkContexts.session(sc).createDataFrame(rdd, schema).write().parquet(dir.toUri().toString());
        return new Format("parquet", "parquet:" + dir.toUri(), DataConfig.defaults(), bytes(dir));
    }

    /** Image {@code i} as the sequence of its rows: {@code features/i.csv} of height rows of width values, {@code labels/i.csv} its class. */
    private Format sequences(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("features"));
        Files.createDirectories(dir.resolve("labels"));
        for (int i = 0; i < labels.length; i++) {
            String name = String.format(Locale.ROOT, "%06d.csv", i);
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("features").resolve(name))) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        out.write(x == 0 ? "" : ",");
                        out.write(value(i, y * width + x));
                    }
                    out.newLine();
                }
            }
            Files.writeString(dir.resolve("labels").resolve(name), labels[i] + "\n");
        }
        return new Format("csvseq", "csvseq:" + dir.toUri(), DataConfig.defaults(), bytes(dir),
                Optional.of(SEQUENCE_MODEL), SEQUENCE_MODEL_ARGS);
    }

    /** The scaled value of pixel {@code j} of record {@code i}, as short as it prints exactly. */
    private String value(int i, int j) {
        byte pixel = pixels[i * size() + j];
        return pixel == 0 ? "0" : Float.toString(ExampleBlock.scale(pixel));
    }

    private static long bytes(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
