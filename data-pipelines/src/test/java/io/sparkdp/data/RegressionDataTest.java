package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --task regression} over {@code csv:} (one or several target columns), {@code libsvm:}
 * and {@code parquet:} written in the test: targets arrive as the real numbers they are, through
 * the shards, and a NaN or infinite target stops with its file and record.
 */
class RegressionDataTest {
    private static final DataConfig REGRESSION = DataConfig.defaults().withTask(Task.REGRESSION);

    @TempDir
    static Path tmp;
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private static Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static InputData open(String spec, DataConfig config) {
        return InputFormats.open(spec, IdxSource.Part.TRAIN, config, SPARK.sc());
    }

    /** Every record, in input order, as one minibatch. */
    private static Minibatch all(InputData data) {
        List<ExampleBlock> blocks = data.all(SPARK.sc(), 2).collect();
        ExampleBlock one = ExampleBlock.concat(0, data.schema().featureSize(), Labels.emptyOf(data.schema()), blocks);
        return one.range(0, one.size());
    }

    private static float[] targets(Minibatch batch) {
        return assertInstanceOf(Labels.Targets.class, batch.labels()).values();
    }

    private static String failure(String spec, DataConfig config) {
        return assertThrows(BadDataException.class, () -> open(spec, config)).getMessage();
    }

    @Test
    void csvTargetsAreRealNumbersInFileOrderAndSeveralColumnsMakeSeveralTargets() throws IOException {
        write("multi/part-0.csv", "x1,y,x2,z\n0.5,-1.25,2,1e3\n3,0.1,4,-7\n");
        write("multi/part-1.csv", "x1,y,x2,z\n5,2.5,6,0\n");
        String spec = "csv:" + tmp.resolve("multi").toUri();

        InputData one = open(spec, REGRESSION.withHeader(true).withLabelColumn("y"));
        assertEquals(DataSchema.regression(3, List.of("y")), one.schema());
        Minibatch records = all(one);
        assertArrayEquals(new float[] {-1.25f, 0.1f, 2.5f}, targets(records));
        assertArrayEquals(new float[] {0.5f, 2, 1000, 3, 4, -7, 5, 6, 0}, records.features(), "every other column a feature");

        InputData two = open(spec, REGRESSION.withHeader(true).withLabelColumn("z, 1"));
        assertEquals(DataSchema.regression(2, List.of("z", "y")), two.schema(), "targets in the order named");
        Minibatch both = all(two);
        assertArrayEquals(new float[] {1000, -1.25f, -7, 0.1f, 0, 2.5f}, targets(both));
        assertArrayEquals(new float[] {0.5f, 2, 3, 4, 5, 6}, both.features());
        assertEquals(2, both.labels().width());
    }

    @Test
    void targetsSurviveTheShuffleIntoShardsWithTheirFeatures() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            csv.append(i).append(',').append(-i).append(',').append(i * 0.5).append('\n');
        }
        Path file = write("many.csv", csv.toString());
        Split split = open("csv:" + file, REGRESSION).split(SPARK.sc(), new SplitRequest(0, 0.25, 2, 9L));
        int seen = 0;
        for (ExampleBlock shard : split.train().union(split.validation()).collect()) {
            Minibatch batch = shard.range(0, shard.size());
            float[] y = targets(batch);
            for (int r = 0; r < batch.size(); r++) {
                assertEquals(batch.features()[2 * r] * 0.5f, y[r], "record " + batch.features()[2 * r]);
                seen++;
            }
        }
        assertEquals(200, seen);
    }

    @Test
    void libsvmAndParquetLabelsAreTheirTargets() throws IOException {
        Path file = write("data.libsvm", "1.5 1:0.5 3:2\n-0.25 2:1\n");
        InputData libsvm = open("libsvm:" + file, REGRESSION);
        assertEquals(DataSchema.regression(3, List.of("label")), libsvm.schema());
        assertArrayEquals(new float[] {1.5f, -0.25f}, targets(all(libsvm)));

        SparkSession spark = SparkSession.builder().sparkContext(SPARK.sc().sc()).getOrCreate();
        StructType schema = new StructType().add("features", new VectorUDT()).add("price", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(RowFactory.create(Vectors.dense(i, 1), 1000.5 + i));
        }
        String dir = tmp.resolve("prices.parquet").toUri().toString();
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir);
        InputData parquet = open("parquet:" + dir, REGRESSION.withLabelColumn("price"));
        assertEquals(List.of("price"), parquet.schema().targetNames());
        float[] y = targets(all(parquet));
        for (int i = 0; i < 30; i++) {
            assertEquals(1000.5f + i, y[i], "row " + i);
        }
    }

    @Test
    void aNanOrInfiniteTargetStopsWithItsFileAndRecord() throws IOException {
        Path csv = write("nan.csv", "1,2,3.5\n4,5,NaN\n");
        String message = failure("csv:" + csv, REGRESSION);
        assertTrue(message.matches(".*nan\\.csv:2: target column 2 is NaN; regression targets must be finite numbers"), message);
        Path inf = write("inf.csv", "a,b\n1,2\n3,-Infinity\n");
        message = failure("csv:" + inf, REGRESSION.withHeader(true).withLabelColumn("b"));
        assertTrue(message.matches(".*inf\\.csv:3: target b is -Infinity; .*"), message);

        SparkSession spark = SparkSession.builder().sparkContext(SPARK.sc().sc()).getOrCreate();
        StructType schema = new StructType().add("features", new VectorUDT()).add("label", DataTypes.DoubleType);
        String dir = tmp.resolve("inf.parquet").toUri().toString();
        spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1), 2.0), RowFactory.create(Vectors.dense(2),
                Double.POSITIVE_INFINITY)), schema).coalesce(1).write().parquet(dir);
        message = failure("parquet:" + dir, REGRESSION);
        assertTrue(message.matches(".*part-00000.*\\.parquet: row 1: target label is Infinity; .*"), message);
        assertTrue(failure("csv:" + write("word.csv", "1,2,high\n"), REGRESSION).contains("column 2 is 'high', not a number"));
    }

    @Test
    void regressionOptionsThatMakeNoSenseAreRefusedInOneLine() throws IOException {
        String idx = failure("idx:/usr/share/datasets/fashion-mnist", REGRESSION);
        assertTrue(idx.contains("--task regression reads real-valued targets from tabular data") && idx.contains("idx:"), idx);
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class, () -> REGRESSION.withNumClasses(3));
        assertTrue(classes.getMessage().contains("--num-classes applies to classification"), classes.getMessage());
        IllegalArgumentException several = assertThrows(IllegalArgumentException.class,
                () -> DataConfig.defaults().withLabelColumn("0,1"));
        assertTrue(several.getMessage().contains("add --task regression"), several.getMessage());
        Path file = write("two.csv", "1,2\n");
        String all = failure("csv:" + file, REGRESSION.withLabelColumn("0,1"));
        assertTrue(all.contains("a record needs at least one feature"), all);
        String twice = failure("csv:" + file, REGRESSION.withLabelColumn("1,1"));
        assertTrue(twice.contains("names a column twice"), twice);
    }
}
