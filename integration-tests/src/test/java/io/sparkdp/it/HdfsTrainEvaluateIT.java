package io.sparkdp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkdp.data.HdfsExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data and model on a real HDFS (an in-process MiniDFSCluster on loopback): the launcher's JVM
 * reads the IDX files and writes and reads the model through {@code hdfs://} URIs. Then the
 * issue's scoring test at full size: the 10,000 test images, exported as PNG files to the same
 * HDFS with two corrupt files among them, are scored by {@code bin/sparkdp score} with that
 * model; every file gets a row, the corrupt ones error rows, and the accuracy computed from the
 * output file equals what {@code bin/sparkdp evaluate} reported on the same images' IDX pair
 * (the same pixels: PNG is lossless). That each prediction equals single-process DL4J
 * {@code output()} is {@code ScoreJobTest}'s, which has DL4J on its class path (this module
 * keeps it off): all 10,000 decoded test images, and 1,000 of them through PNG files on HDFS.
 * The model is trained once for both, since a launcher run is most of this test's time.
 */
class HdfsTrainEvaluateIT {
    @RegisterExtension
    static final HdfsExtension hdfs = new HdfsExtension();
    @TempDir
    Path dir;

    @BeforeAll
    static void putData() throws Exception {
        for (String name : new String[]{"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            hdfs.put(Path.of("/usr/share/datasets/fashion-mnist", name), "/data/fashion/" + name);
        }
        TestPngs.export(Path.of("/usr/share/datasets/fashion-mnist"), hdfs.fs(), "/images");
    }

    @Test
    void trainsFromAndSavesToHdfsThenScoresTheTestPngs() throws Exception {
        String root = hdfs.root();
        String model = root + "/runs/mlp.zip";
        SparkdpProcess.Result train = SparkdpProcess.run(dir, 10, "train", "--master", "local[2]",
                "--data", "idx:" + root + "/data/fashion", "--model", "mlp", "--epochs", "1", "--limit", "3000",
                "--batch-size", "32", "--output", model);
        assertEquals(0, train.code(), train.toString());
        assertTrue(hdfs.fs().exists(new org.apache.hadoop.fs.Path("/runs/mlp.zip")), "model on HDFS");
        assertTrue(hdfs.fs().exists(new org.apache.hadoop.fs.Path("/runs/mlp.checkpoints/metrics.jsonl")), "metrics on HDFS");
        Path page = dir.resolve("mlp-report.html");
        SparkdpProcess.Result report = SparkdpProcess.run(dir, 2, "report", "--run", root + "/runs/mlp.checkpoints",
                "--output", page.toString());
        assertEquals(0, report.code(), report.toString());
        String html = java.nio.file.Files.readString(page);
        assertTrue(html.contains("mlp.checkpoints: 1 epoch, ") && html.contains("; epoch 1: train loss "),
                "a report of the run, from metrics read over HDFS");

        SparkdpProcess.Result evaluate = SparkdpProcess.run(dir, 10, "evaluate", "--master", "local[2]",
                "--model", model, "--data", "idx:" + root + "/data/fashion");
        assertEquals(0, evaluate.code(), evaluate.toString());
        JsonNode summary = TrainEvaluateIT.lastLineJson(evaluate);
        assertEquals(10_000, summary.get("n").asLong());
        assertTrue(summary.get("accuracy").asDouble() >= 0.7, "test accuracy " + summary.get("accuracy"));

        double scored = scoreAccuracy(model, root + "/scores");
        System.out.printf("accuracy from score's output %.4f, sparkdp evaluate %.4f%n", scored, summary.get("accuracy").asDouble());
        assertEquals(summary.get("accuracy").asDouble(), scored, 1e-12, "accuracy from the output file");
    }

    /** Scores the PNG files into {@code output} as JSON lines and returns the accuracy of its rows against their class directories. */
    private double scoreAccuracy(String model, String output) throws Exception {
        SparkdpProcess.Result score = SparkdpProcess.run(dir, 10, "score", "--master", "local[2]", "--model", model,
                "--input", "images:" + hdfs.root() + "/images", "--output", output, "--output-format", "jsonl", "--top-k", "3");
        assertEquals(0, score.code(), score.toString());
        assertTrue(score.lastLine().startsWith("scored " + (TestPngs.IMAGES + 2) + " images (2 bad) in "), score.toString());
        int rows = 0;
        int correct = 0;
        java.util.Set<String> ids = new java.util.HashSet<>();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : lines(output)) {
            JsonNode row = json.readTree(line);
            String id = row.get("id").asText();
            rows++;
            assertTrue(ids.add(id), "one row per file: " + line);
            if (row.has("error")) {
                assertTrue(TestPngs.CORRUPT.stream().anyMatch(id::endsWith), line);
                assertTrue(!row.has("prediction") && !row.has("probability"), "no prediction: " + line);
                continue;
            }
            String truth = id.substring(0, id.lastIndexOf('/'));
            truth = truth.substring(truth.lastIndexOf('/') + 1);
            assertEquals(3, row.get("top_classes").size(), line);
            assertEquals(row.get("prediction").asText(), row.get("top_classes").get(0).asText(), "the prediction leads the top-k");
            assertTrue(row.get("probability").asDouble() >= row.get("top_probabilities").get(2).asDouble(), line);
            correct += row.get("prediction").asText().equals(truth) ? 1 : 0;
        }
        assertEquals(TestPngs.IMAGES + 2, rows);
        return correct / (double) TestPngs.IMAGES;
    }

    /** The lines of the JSON-lines part files of {@code output}. */
    private static java.util.List<String> lines(String output) throws java.io.IOException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        var fs = hdfs.fs();
        for (var part : fs.listStatus(new org.apache.hadoop.fs.Path(output))) {
            if (part.getPath().getName().startsWith("part-")) {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(fs.open(part.getPath()),
                        java.nio.charset.StandardCharsets.UTF_8))) {
                    in.lines().filter(l -> !l.isBlank()).forEach(lines::add);
                }
            }
        }
        return lines;
    }
}
