package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
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
 * {@code csv:}, {@code libsvm:} and {@code parquet:} data written in the test: records arrive
 * with their values and classes in file order, and every bad input stops with its file and record.
 */
class TabularDataTest {
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

    /** Every record of the data set, in input order, as one block. */
    private static Minibatch all(InputData data) {
        List<ExampleBlock> blocks = data.all(SPARK.sc(), 2).collect();
        ExampleBlock one = ExampleBlock.concat(0, data.schema().featureSize(), data.schema().numClasses(), blocks);
        return one.range(0, one.size());
    }

    private static String failure(String spec, DataConfig config) {
        return assertThrows(BadDataException.class, () -> open(spec, config)).getMessage();
    }

    @Test
    void csvWithoutHeaderTakesTheLastColumnAsIntegerClassesInFileOrder() throws IOException {
        Path dir = tmp.resolve("parts");
        write("parts/part-00000.csv", "1.5,2,0\n3,4,2\n\n");
        write("parts/part-00001.csv", "5,6e-1,1\n");
        write("parts/_SUCCESS", "");
        InputData data = open("csv:" + dir.toUri(), DataConfig.defaults());
        assertEquals(new DataSchema(1, 1, 2, false, List.of("0", "1", "2")), data.schema());
        Minibatch records = all(data);
        assertArrayEquals(new float[] {1.5f, 2, 3, 4, 5, 0.6f}, records.features());
        assertArrayEquals(new int[] {0, 2, 1}, records.classes());
        DataConfig five = DataConfig.defaults().withNumClasses(5);
        assertEquals(5, open("csv:" + dir.toUri(), five).schema().numClasses(), "--num-classes beyond the largest label");
    }

    @Test
    void csvWithHeaderNamesTheLabelColumnAndStringLabelsBecomeSortedClasses() throws IOException {
        Path file = write("named.csv", "species,\"len, cm\",width\nsetosa,1,2\nvirginica,3,4\n\"versicolor\",5,6\nsetosa,7,8\n");
        DataConfig byName = DataConfig.defaults().withHeader(true).withLabelColumn("species");
        InputData data = open("csv:" + file, byName);
        assertEquals(List.of("setosa", "versicolor", "virginica"), data.schema().classNames());
        Minibatch records = all(data);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, records.features());
        assertArrayEquals(new int[] {0, 2, 1, 0}, records.classes());
        Minibatch byIndex = all(open("csv:" + file, byName.withLabelColumn("0")));
        assertArrayEquals(records.classes(), byIndex.classes());
        assertArrayEquals(records.features(), byIndex.features());
    }

    @Test
    void gzipAndTabDelimitedCsvReadTheSame() throws IOException {
        Path file = tmp.resolve("tabs.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("0\t1\t1\n1\t0\t0\n".getBytes(StandardCharsets.UTF_8));
        }
        Minibatch records = all(open("csv:" + file, DataConfig.defaults().withDelimiter("tab").withLabelColumn("0")));
        assertArrayEquals(new float[] {1, 1, 0, 0}, records.features());
        assertArrayEquals(new int[] {0, 1}, records.classes());
    }

    @Test
    void libsvmIsReadBySparksLoaderWithItsFeatureCountOrTheOption() throws IOException {
        Path file = write("data.libsvm", "1 1:0.5 3:2\n0 2:1\n# a comment\n2.0 1:1 2:1 3:1\n");
        InputData data = open("libsvm:" + file, DataConfig.defaults());
        assertEquals(new DataSchema(1, 1, 3, false, List.of("0", "1", "2")), data.schema());
        Minibatch records = all(data);
        assertArrayEquals(new float[] {0.5f, 0, 2, 0, 1, 0, 1, 1, 1}, records.features());
        assertArrayEquals(new int[] {1, 0, 2}, records.classes());
        assertEquals(5, open("libsvm:" + file, DataConfig.defaults().withNumFeatures(5)).schema().featureSize());
    }

    @Test
    void parquetWrittenBySparkWithVectorFeaturesAndCustomColumnNames() {
        SparkSession spark = SparkSession.builder().sparkContext(SPARK.sc().sc()).getOrCreate();
        StructType schema = new StructType().add("vec", new VectorUDT()).add("y", DataTypes.DoubleType).add("id", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(RowFactory.create(i % 2 == 0 ? Vectors.dense(i, -i, 0.5) : Vectors.sparse(3, new int[] {1}, new double[] {i}),
                    (double) (i % 3), i));
        }
        String dir = tmp.resolve("frame.parquet").toUri().toString();
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir);
        DataConfig config = DataConfig.defaults().withFeaturesColumn("vec").withLabelColumn("y");
        InputData data = open("parquet:" + dir, config);
        assertEquals(new DataSchema(1, 1, 3, false, List.of("0", "1", "2")), data.schema());
        Minibatch records = all(data);
        assertEquals(40, records.size());
        for (int i = 0; i < 40; i++) {
            float[] expected = i % 2 == 0 ? new float[] {i, -i, 0.5f} : new float[] {0, i, 0};
            float[] actual = java.util.Arrays.copyOfRange(records.features(), 3 * i, 3 * i + 3);
            assertArrayEquals(expected, actual, "record " + i);
            assertEquals(i % 3, records.classes()[i]);
        }
        String missing = failure("parquet:" + dir, DataConfig.defaults());
        assertTrue(missing.contains("needs a vector column 'features'") && missing.contains("[vec, y, id]"), missing);
    }

    @Test
    void aNanInParquetIsNamedByFileAndRow() {
        SparkSession spark = SparkSession.builder().sparkContext(SPARK.sc().sc()).getOrCreate();
        StructType schema = new StructType().add("features", new VectorUDT()).add("label", DataTypes.DoubleType);
        List<Row> rows = List.of(RowFactory.create(Vectors.dense(1, 2), 0.0), RowFactory.create(Vectors.dense(3, 4), 1.0),
                RowFactory.create(Vectors.dense(5, Double.NaN), 1.0));
        String dir = tmp.resolve("nan.parquet").toUri().toString();
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir);
        String message = failure("parquet:" + dir, DataConfig.defaults());
        assertTrue(message.matches(".*part-00000.*\\.parquet: row 2: feature 1 is NaN.*"), message);
    }

    @Test
    void eachBadCsvRecordStopsWithItsFileAndLine() throws IOException {
        String wide = "csv:" + write("wide.csv", "1,2,0\n3,4,1\n5,6,7,1\n");
        assertTrue(failure(wide, DataConfig.defaults()).matches(".*wide\\.csv:3: 4 fields, but the rows have 3"), failure(wide, DataConfig.defaults()));
        String nan = "csv:" + write("nan.csv", "1,2,0\nNaN,4,1\n");
        assertTrue(failure(nan, DataConfig.defaults()).matches(".*nan\\.csv:2: column 0 is NaN; features must be finite numbers"),
                failure(nan, DataConfig.defaults()));
        String inf = "csv:" + write("inf.csv", "1,2,0\n1,-Infinity,1\n");
        assertTrue(failure(inf, DataConfig.defaults()).contains("inf.csv:2: column 1 is -Infinity"));
        String text = "csv:" + write("text.csv", "1,2,0\n1,two,1\n");
        assertTrue(failure(text, DataConfig.defaults()).contains("text.csv:2: column 1 is 'two', not a number"));
        String labels = "csv:" + write("labels.csv", "1,2,0\n1,2,1\n1,2,4\n");
        String beyond = failure(labels, DataConfig.defaults().withNumClasses(3));
        assertTrue(beyond.matches(".*labels\\.csv:3: label 4 is outside --num-classes 3 classes 0\\.\\.2"), beyond);
        String negative = failure("csv:" + write("negative.csv", "1,2,0\n1,2,-1\n"), DataConfig.defaults());
        assertTrue(negative.matches(".*negative\\.csv:2: label -1 is not a class index.*"), negative);
        String header = failure("csv:" + write("h/a.csv", "x,y\n1,0\n").getParent(), DataConfig.defaults().withLabelColumn("z").withHeader(true));
        assertTrue(header.contains("no column 'z' in the header of") && header.contains("[x, y]"), header);
        write("h/b.csv", "x,Y\n1,1\n");
        String otherHeader = failure("csv:" + tmp.resolve("h"), DataConfig.defaults().withHeader(true));
        assertTrue(otherHeader.matches(".*b\\.csv:1: header differs from the first file's: x,Y"), otherHeader);
    }

    @Test
    void unknownPrefixesAndMissingPathsAreOneLine() {
        String prefix = failure("tfrecord:/data", DataConfig.defaults());
        assertTrue(prefix.contains("unsupported data format 'tfrecord:'") && prefix.contains(InputFormats.USAGE), prefix);
        for (String format : List.of("csv:", "libsvm:", "parquet:")) {
            String missing = failure(format + tmp.resolve("nowhere"), DataConfig.defaults());
            assertEquals("data path does not exist: " + tmp.resolve("nowhere"), missing);
        }
    }

    @Test
    void aLabelOutsideTheKnownClassesOfAModelIsRefused() throws IOException {
        String file = "csv:" + write("known.csv", "1,cat\n2,dog\n3,cow\n");
        DataConfig known = DataConfig.defaults().withKnownClasses(List.of("cat", "dog"));
        assertTrue(failure(file, known).matches(".*known\\.csv:3: label 'cow' is not one of the classes \\[cat, dog\\]"));
        String indices = "csv:" + write("indices.csv", "1,1\n2,0\n");
        InputData data = open(indices, known);
        assertEquals(List.of("cat", "dog"), data.schema().classNames(), "numbers index a model's named classes");
        assertArrayEquals(new int[] {1, 0}, all(data).classes());
    }
}
