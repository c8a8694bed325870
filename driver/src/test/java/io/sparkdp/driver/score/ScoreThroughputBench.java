package io.sparkdp.driver.score;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.ImageDecoder;
import io.sparkdp.data.ShardPlan;
import io.sparkdp.driver.SparkFixture;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import io.sparkdp.worker.NativeThreads;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures, prints and asserts nothing about speed: images/s of {@link ScoreJob} on local[2]
 * against a single-process DL4J {@code output()} loop over the same images, already decoded.
 * Not a unit test (its name keeps Surefire from running it by default); run it with
 * {@code -Dtest=ScoreThroughputBench}.
 */
class ScoreThroughputBench {
    private static final int IMAGES = 10_000;
    private static final int BATCH = 256;

    @TempDir
    Path dir;

    @Test
    void scoreVersusSingleProcess() throws IOException {
        Path images = exportTestImages(dir.resolve("images"));
        List<float[]> decoded = decodeAll(images);
        try (JavaSparkContext spark = SparkFixture.local(2)) {
            for (String model : List.of("mlp", "cnn")) {
                MultiLayerNetwork network = ModelZoo.build(model,
                        ModelRequest.of(new InputShape(1, 28, 28), 10, 3L, OptimizerConfig.defaults()));
                String zip = dir.resolve(model + ".zip").toString();
                new ModelStore(spark.hadoopConfiguration()).save(network, zip);
                ScoreConfig config = new ScoreConfig(zip, "images:" + images, dir.resolve("out-" + model).toString(),
                        ScoreConfig.OutputFormat.PARQUET, 5, BATCH, false);
                ScoreSummary spark2 = new ScoreJob(spark, config, line -> { }).run();
                NativeThreads.use(2);
                double single = singleProcess(network, decoded);
                System.out.printf(Locale.ROOT, "BENCH %s: score local[2] %s | single-process output(), 2 threads: %.1f images/s%n",
                        model, spark2.line(), single);
            }
        }
    }

    private static double singleProcess(MultiLayerNetwork network, List<float[]> decoded) {
        network.output(Nd4j.create(decoded.subList(0, BATCH).toArray(float[][]::new)), false); // warm-up
        long start = System.nanoTime();
        for (int from = 0; from < decoded.size(); from += BATCH) {
            float[][] batch = decoded.subList(from, Math.min(from + BATCH, decoded.size())).toArray(float[][]::new);
            network.output(Nd4j.create(batch), false);
        }
        return decoded.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static Path exportTestImages(Path images) throws IOException {
        Files.createDirectories(images);
        var conf = new org.apache.hadoop.conf.Configuration();
        IdxDataset test = IdxDataset.open(IdxSource.resolve("idx:/usr/share/datasets/fashion-mnist", IdxSource.Part.TEST, conf), conf);
        ExampleBlock block = test.readTrainShard(conf, new ShardPlan(IMAGES, 0, 1, 0L), 0);
        for (int i = 0; i < IMAGES; i++) {
            float[] scaled = block.range(i, i + 1).features();
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            byte[] raster = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int j = 0; j < raster.length; j++) {
                raster[j] = (byte) Math.round(scaled[j] * 255f);
            }
            ImageIO.write(image, "png", images.resolve("img-" + i + ".png").toFile());
        }
        return images;
    }

    private static List<float[]> decodeAll(Path images) throws IOException {
        ImageDecoder decoder = new ImageDecoder(28, 28);
        List<float[]> decoded = new ArrayList<>();
        try (Stream<Path> files = Files.list(images).sorted()) {
            for (Path file : (Iterable<Path>) files::iterator) {
                decoded.add(decoder.features(Files.readAllBytes(file)));
            }
        }
        return decoded;
    }
}
