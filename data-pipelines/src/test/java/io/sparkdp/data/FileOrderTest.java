package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet and LibSVM records are numbered in the files' order, not in the order Spark's file
 * scan packs them into partitions (largest files first, split by the session's settings): the
 * same files give the same shards on a laptop and on a cluster. Each file here holds the
 * records 0, 1, 2, ... as its first feature, in a file order that differs from its size order.
 */
class FileOrderTest {
    private static final String MAX_PARTITION_BYTES = "spark.sql.files.maxPartitionBytes";
    private static final String OPEN_COST = "spark.sql.files.openCostInBytes";
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();
    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().sparkContext(SPARK.sc().sc()).getOrCreate();
    }

    @AfterEach
    void defaultScan() {
        spark.conf().unset(MAX_PARTITION_BYTES);
        spark.conf().unset(OPEN_COST);
    }

    @Test
    void parquetFilesAreReadInPathThenRowOrder() throws IOException {
        Path dir = tmp.resolve("frame");
        Files.createDirectories(dir);
        // a: 40 rows, b: 200, c: 90; the scan would start with b, the largest
        int first = 0;
        for (String name : List.of("a", "b", "c")) {
            int rows = switch (name) {
                case "a" -> 40;
                case "b" -> 200;
                default -> 90;
            };
            parquet(dir.resolve(name + ".parquet"), first, rows);
            first += rows;
        }
        String spec = "parquet:" + dir.toUri();
        assertInFileOrder(spec, DataConfig.defaults(), 330);
        spark.conf().set(MAX_PARTITION_BYTES, "1500");
        spark.conf().set(OPEN_COST, "0");
        assertInFileOrder(spec, DataConfig.defaults(), 330);
    }

    @Test
    void libsvmFilesAndTheirPartsAreReadInPathThenPlaceOrder() throws IOException {
        Path dir = tmp.resolve("svm");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("a.libsvm"), libsvm(0, 60));
        Files.writeString(dir.resolve("b.libsvm"), libsvm(60, 310));
        String spec = "libsvm:" + dir.toUri();
        DataConfig config = DataConfig.defaults().withNumFeatures(2);
        assertInFileOrder(spec, config, 310);
        spark.conf().set(MAX_PARTITION_BYTES, "700"); // b splits into parts of about 40 records
        spark.conf().set(OPEN_COST, "0");
        assertInFileOrder(spec, config, 310);
    }

    /** One shard's block holds its records in input order: with one shard, all of them. */
    private static void assertInFileOrder(String spec, DataConfig config, int records) {
        InputData data = InputFormats.open(spec, IdxSource.Part.TRAIN, config, SPARK.sc());
        Split split = data.split(SPARK.sc(), new SplitRequest(0, 0, 1, 3L));
        List<ExampleBlock> shards = split.train().collect();
        assertEquals(1, shards.size());
        assertEquals(records, shards.get(0).size(), spec + " with " + spark.conf().getOption(MAX_PARTITION_BYTES));
        Minibatch all = shards.get(0).range(0, records);
        float[] numbers = new float[records];
        for (int i = 0; i < records; i++) {
            numbers[i] = all.features()[i * all.featureSize()];
        }
        float[] expected = new float[records];
        IntStream.range(0, records).forEach(i -> expected[i] = i);
        assertArrayEquals(expected, numbers, spec + " with " + spark.conf().getOption(MAX_PARTITION_BYTES));
        int[] labels = all.classes();
        assertArrayEquals(IntStream.range(0, records).map(i -> i % 3).toArray(), labels, "labels travel with their records");
        split.releaseIntermediates();
    }

    private static void parquet(Path file, int first, int rows) throws IOException {
        StructType schema = new StructType().add("features", new VectorUDT()).add("label", DataTypes.DoubleType);
        List<Row> list = new ArrayList<>();
        for (int i = first; i < first + rows; i++) {
            list.add(RowFactory.create(Vectors.dense(i, -i), (double) (i % 3)));
        }
        Path out = file.resolveSibling(file.getFileName() + ".dir");
        spark.createDataFrame(list, schema).coalesce(1).write().parquet(out.toUri().toString());
        try (Stream<Path> parts = Files.list(out)) {
            Files.move(parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow(), file);
        }
        try (Stream<Path> rest = Files.walk(out)) {
            rest.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String libsvm(int first, int end) {
        StringBuilder text = new StringBuilder();
        for (int i = first; i < end; i++) {
            text.append(i % 3).append(" 1:").append(i).append(" 2:").append(-i).append('\n');
        }
        return text.toString();
    }
}
