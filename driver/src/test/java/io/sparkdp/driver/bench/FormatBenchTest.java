package io.sparkdp.driver.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.InputFormats;
import io.sparkdp.data.Minibatch;
import io.sparkdp.data.SplitRequest;
import io.sparkdp.driver.SparkFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The format bench's inputs hold the same records in every format, and its report measures each. */
class FormatBenchTest {
    private static final String FASHION = "idx:/usr/share/datasets/fashion-mnist";
    private static JavaSparkContext sc;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        sc = SparkFixture.local(2);
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    @Test
    void everyFormatHoldsTheSameRecordsAsTheIdxSource() {
        List<FormatSamples.Format> formats = FormatSamples.write(FASHION, 300, tmp, sc);
        assertEquals(List.of("idx", "images (PNG)", "csv", "libsvm", "parquet", "csvseq"),
                formats.stream().map(FormatSamples.Format::name).toList());
        List<String> idx = records(formats.get(0), 300, false);
        assertEquals(300, idx.size());
        for (FormatSamples.Format format : formats.subList(1, formats.size())) {
            boolean sequences = format.name().equals("csvseq");
            assertEquals(idx, records(format, 300, sequences), format.name() + " holds the IDX records' labels and values");
            assertTrue(format.bytes() > 0, format.name());
        }
    }

    @Test
    void theReportMeasuresEveryFormat() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new FormatBench(sc, new FormatBench.Config(FASHION, "mlp", 256, 32, 2, 7L),
                new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String report = bytes.toString(StandardCharsets.UTF_8);
        Matcher summary = Pattern.compile("bench formats: ?idx=(\\d+)/(\\d+)/(\\d+) images=(\\d+)/(\\d+)/(\\d+) "
                + "csv=(\\d+)/(\\d+)/(\\d+) libsvm=(\\d+)/(\\d+)/(\\d+) parquet=(\\d+)/(\\d+)/(\\d+) "
                + "csvseq=(\\d+)/(\\d+)/(\\d+)").matcher(report);
        assertTrue(summary.find(), report);
        for (int group = 1; group <= 18; group++) {
            assertTrue(Long.parseLong(summary.group(group)) > 0, "every rate measured:\n" + report);
        }
        assertEquals(6, report.lines().filter(line -> line.matches("\\S.*\\s256\\s.*")).count(),
                "a table row of 256 records per format:\n" + report);
    }

    /**
     * Every record of the format as "label: values", sorted: the formats list records in different
     * orders. A sequence of an image's rows is feature-major ({@code [column][row]}): with
     * {@code rows} it is read back into the image's row-major order.
     */
    private static List<String> records(FormatSamples.Format format, int limit, boolean rows) {
        List<String> records = new ArrayList<>();
        for (ExampleBlock block : InputFormats.open(format.spec(), IdxSource.Part.TRAIN, format.options(), sc)
                .split(sc, new SplitRequest(limit, 0, 1, 1L)).train().collect()) {
            Minibatch all = block.range(0, block.size());
            for (int i = 0; i < all.size(); i++) {
                float[] values = Arrays.copyOfRange(all.features(), i * all.featureSize(), (i + 1) * all.featureSize());
                if (rows) {
                    float[] image = new float[values.length];
                    for (int y = 0; y < 28; y++) {
                        for (int x = 0; x < 28; x++) {
                            image[y * 28 + x] = values[x * 28 + y];
                        }
                    }
                    values = image;
                }
                records.add(all.classes()[i] + ": " + Arrays.toString(values));
            }
        }
        records.sort(null);
        return records;
    }
}
