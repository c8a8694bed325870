package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdp.driver.config.ConfigJson;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.listen.MetricsWriter;
import io.sparkdp.driver.report.HtmlReport;
import io.sparkdp.driver.report.RunMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What a person sees of a real training run (MLP, 3,000 Fashion-MNIST records, {@code local[2]},
 * 2 epochs): the Spark jobs' descriptions, {@code metrics.jsonl}, and the
 * HTML report, rendered by headless Chromium with no network.
 */
class SeeingTrainingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CHARTS = {"loss", "accuracy", "lr", "throughput", "phases", "confusion"};
    private static final int ROUNDS = 19; // 2,400 training records in 2 shards of 1,200, 64 per shard per round
    private static JavaSparkContext spark;
    private static final List<String[]> jobs = Collections.synchronizedList(new ArrayList<>());
    @TempDir
    static Path dir;

    @BeforeAll
    static void train() throws Exception {
        spark = SparkFixture.local(2);
        spark.sc().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                jobs.add(new String[]{start.properties().getProperty("spark.jobGroup.id"),
                        start.properties().getProperty("spark.job.description")});
            }
        });
        TrainConfig sync = TrainConfig.builder().model("mlp").epochs(2).batchSize(128).workers(2).limit(3000)
                .validationSplit(0.2).output(dir.resolve("sync.zip").toString()).build();
        // the run writes its metrics into its checkpoint directory, beside the output: sync.checkpoints
        new TrainJob(spark, sync, List.of(), DataType.FLOAT).fit();
        TrainConfig average = sync.toBuilder().strategy("average").averageEvery(2).epochs(1).limit(600)
                .output(dir.resolve("average.zip").toString()).build();
        new TrainJob(spark, average, List.of(), DataType.FLOAT).fit();
        awaitJob("epoch 1: validate", 2);
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** Spark tells listeners asynchronously: wait until {@code count} jobs described so have been seen. */
    private static void awaitJob(String description, int count) throws InterruptedException {
        for (int i = 0; i < 200 && descriptions().stream().filter(description::equals).count() < count; i++) {
            Thread.sleep(50);
        }
    }

    private static List<String> descriptions() {
        synchronized (jobs) {
            return jobs.stream().map(job -> job[1]).toList();
        }
    }

    @Test
    void everySparkJobSaysWhatItDoesWithinItsRunsJobGroup() {
        List<String> described = descriptions();
        for (String expected : new String[]{"load training shards", "load validation shards",
                "epoch 1, round 1/" + ROUNDS + ": aggregate gradients", "epoch 2, round " + ROUNDS + "/" + ROUNDS + ": aggregate gradients",
                "epoch 1: validate", "epoch 2: validate", "epoch 1, round 1/2: average models"}) {
            assertTrue(described.contains(expected), "no job described '" + expected + "' in " + described);
        }
        assertEquals(2 * ROUNDS, described.stream().filter(d -> d.endsWith(": aggregate gradients")).count(),
                "one job per sync round");
        synchronized (jobs) {
            List<String> groups = jobs.stream().map(job -> job[0]).distinct().toList();
            assertEquals(2, groups.size(), "one job group per run: " + groups);
            assertTrue(groups.stream().allMatch(g -> g != null && g.startsWith("sparkdp-train-")), groups.toString());
        }
    }

    @Test
    void metricsJsonlParsesAndHasTheDocumentedFields() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("sync.checkpoints/metrics.jsonl"));
        assertEquals(1 + 2 * ROUNDS + 2 + 1, lines.size(), "header, one line per round, one per epoch, the end");
        JsonNode run = JSON.readTree(lines.get(0));
        assertEquals("run", run.get("type").asText());
        assertEquals("mlp", run.get("config").get("model").asText());
        assertEquals(spark.version(), run.get("provenance").get("sparkVersion").asText());
        assertEquals(2400, run.get("provenance").get("data").get(0).get("records").asLong());

        RunMetrics metrics = RunMetrics.read(new Configuration(), dir.resolve("sync.checkpoints").toString());
        assertEquals(2 * ROUNDS, metrics.rounds().size());
        for (JsonNode round : metrics.rounds()) {
            for (String field : new String[]{"epoch", "round", "rounds", "examples", "loss", "lr", "samples_per_s", "time"}) {
                assertTrue(round.hasNonNull(field), field + " in " + round);
            }
            JsonNode ms = round.get("ms");
            double parts = ms.get("broadcast").asDouble() + ms.get("compute").asDouble() + ms.get("aggregate").asDouble()
                    + ms.get("update").asDouble();
            assertEquals(ms.get("total").asDouble(), parts, 1e-6, "the phases add up to the round: " + ms);
            assertEquals(round.get("examples").asDouble() / (parts / 1e3), round.get("samples_per_s").asDouble(), 1e-6);
        }
        assertTrue(metrics.rounds().stream().allMatch(r -> r.get("lr").asDouble() == 1e-3), "Adam's rate, unscheduled");

        assertEquals(2, metrics.epochs().size());
        JsonNode validation = metrics.epochs().get(1).get("validation");
        assertEquals(600, validation.get("examples").asInt());
        assertTrue(validation.get("accuracy").asDouble() > 0.6, "validation accuracy " + validation.get("accuracy"));
        for (String field : new String[]{"loss", "log_loss", "top_k_accuracy", "precision", "recall", "f1"}) {
            assertTrue(validation.get(field).isNumber(), field + " in " + validation);
        }
        assertEquals(5, validation.get("top_k").asInt());
        assertTrue(validation.get("top_k_accuracy").asDouble() > validation.get("accuracy").asDouble());
        for (String column : new String[]{"precision", "recall", "f1", "support"}) {
            assertEquals(10, validation.get("per_class").get(column).size(), column + " per class");
        }
        assertEquals("epochs", metrics.end().orElseThrow().get("reason").asText());
        assertEquals(2, metrics.end().orElseThrow().get("epochs").asInt());
        int total = 0;
        int correct = 0;
        for (int actual = 0; actual < 10; actual++) {
            assertEquals(10, validation.get("confusion").get(actual).size());
            for (int predicted = 0; predicted < 10; predicted++) {
                int count = validation.get("confusion").get(actual).get(predicted).asInt();
                total += count;
                correct += actual == predicted ? count : 0;
            }
        }
        assertEquals(600, total, "the confusion matrix counts every held-out example");
        assertEquals(validation.get("accuracy").asDouble(), correct / 600.0, 1e-9, "its diagonal is the accuracy");
    }

    @Test
    void theReportRendersInHeadlessChromiumOfflineWithEveryChartDrawn() throws Exception {
        Path report = dir.resolve("report.html");
        HtmlReport.write(new Configuration(), dir.resolve("sync.checkpoints").toString(), report.toString());
        String html = Files.readString(report);
        Matcher external = Pattern.compile("(?:src|href)\\s*=\\s*[\"']?(?:https?:)?//").matcher(html);
        assertFalse(external.find(), "the page loads nothing from elsewhere");

        HeadlessChromium chromium = HeadlessChromium.find(Files.createDirectories(dir.resolve("chromium")));
        HeadlessChromium.Output dom = chromium.dumpDom(report);
        assertEquals(List.of(), dom.consoleLines(), "the page logs nothing to the console");
        assertTrue(dom.stdout().contains("data-problems=\"[]\" data-report=\"ok\""),
                "the page saw no error: " + between(dom.stdout(), "<body", ">"));
        for (String chart : CHARTS) {
            Matcher drawn = Pattern.compile("id=\"" + chart + "\"[^>]* data-rendered=\"(\\d+)x(\\d+)\" data-shapes=\"(\\d+)\"")
                    .matcher(dom.stdout());
            assertTrue(drawn.find(), "chart " + chart + " was not drawn: " + between(dom.stdout(), "id=\"" + chart + "\"", ">"));
            assertTrue(Integer.parseInt(drawn.group(1)) > 200 && Integer.parseInt(drawn.group(2)) > 200,
                    chart + " is " + drawn.group(1) + "x" + drawn.group(2));
            assertTrue(Integer.parseInt(drawn.group(3)) > 10, chart + " has " + drawn.group(3) + " shapes");
        }

        Path png = Path.of("target", "seeing-training", "report.png");
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        HeadlessChromium.Output shot = chromium.screenshot(report, png, 1280, 1900);
        assertEquals(List.of(), shot.consoleLines());
        byte[] image = Files.readAllBytes(png);
        assertTrue(image.length > 50_000, "a screenshot of charts, not a blank page: " + image.length + " bytes");
        assertEquals("\u0089PNG", new String(image, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        if (start < 0) {
            return "(no " + from + ")";
        }
        int end = text.indexOf(to, start + from.length());
        return text.substring(start, end < 0 ? Math.min(text.length(), start + 300) : end + 1);
    }
}
