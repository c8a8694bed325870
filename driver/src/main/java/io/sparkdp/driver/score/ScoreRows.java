package io.sparkdp.driver.score;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The output schema of {@code sparkdp score}, one row per input image:
 * <ul>
 * <li>{@code id} (string): the image file's URI, or the IDX record's index from 0;</li>
 * <li>{@code prediction} (string): the most probable class's name. Models do not save class
 * names yet, so a class is named by its index: "0" to "9" for Fashion-MNIST;</li>
 * <li>{@code probability} (double): the model's probability of that class;</li>
 * <li>{@code top_classes} (array of string) and {@code top_probabilities} (array of double): the
 * {@code --top-k} most probable classes, most probable first;</li>
 * <li>{@code error} (string): why the image could not be scored; then every other column but
 * {@code id} is null. Null for a scored image.</li>
 * </ul>
 * CSV has no arrays: there the two top-k columns are strings joined with {@code ;}.
 */
public final class ScoreRows {
    public static final StructType SCHEMA = new StructType(new StructField[]{
            DataTypes.createStructField("id", DataTypes.StringType, false),
            DataTypes.createStructField("prediction", DataTypes.StringType, true),
            DataTypes.createStructField("probability", DataTypes.DoubleType, true),
            DataTypes.createStructField("top_classes", DataTypes.createArrayType(DataTypes.StringType, false), true),
            DataTypes.createStructField("top_probabilities", DataTypes.createArrayType(DataTypes.DoubleType, false), true),
            DataTypes.createStructField("error", DataTypes.StringType, true)});

    private ScoreRows() {
    }

    /** The row of a scored image, from the model's class probabilities. */
    static Row scored(String id, double[] probabilities, int topK) {
        Integer[] order = new Integer[probabilities.length];
        Arrays.setAll(order, i -> i);
        // Stable sort: equal probabilities keep class order, so the first is what argmax picks.
        Arrays.sort(order, (a, b) -> Double.compare(probabilities[b], probabilities[a]));
        int k = Math.min(topK, probabilities.length);
        String[] classes = new String[k];
        Double[] top = new Double[k];
        for (int i = 0; i < k; i++) {
            classes[i] = className(order[i]);
            top[i] = probabilities[order[i]];
        }
        return RowFactory.create(id, classes[0], top[0], classes, top, null);
    }

    /** The row of an image that could not be scored. */
    static Row failed(String id, String error) {
        return RowFactory.create(id, null, null, null, null, error);
    }

    /** The name written for class {@code index}: its index, as models carry no class names yet. */
    public static String className(int index) {
        return Integer.toString(index);
    }

    /** The schema of the files written in {@code format}, for reading them back. */
    public static StructType schemaFor(ScoreConfig.OutputFormat format) {
        if (format != ScoreConfig.OutputFormat.CSV) {
            return SCHEMA;
        }
        return new StructType(Arrays.stream(SCHEMA.fields())
                .map(f -> f.dataType() instanceof org.apache.spark.sql.types.ArrayType
                        ? DataTypes.createStructField(f.name(), DataTypes.StringType, true) : f)
                .toArray(StructField[]::new));
    }

    /** {@code rows} as {@code format} can hold them: CSV gets the top-k arrays joined with ';'. */
    static Dataset<Row> forFormat(Dataset<Row> rows, ScoreConfig.OutputFormat format) {
        if (format != ScoreConfig.OutputFormat.CSV) {
            return rows;
        }
        return rows.withColumn("top_classes", joined("top_classes"))
                .withColumn("top_probabilities", joined("top_probabilities"));
    }

    private static Column joined(String column) {
        return functions.concat_ws(";", functions.col(column).cast("array<string>"));
    }
}
