package io.sparkdp.driver.score;

import io.sparkdp.data.DataSchema;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The output schema of {@code sparkdp score}, one row per input image or row. A classifier's
 * rows ({@link #SCHEMA}):
 * <ul>
 * <li>{@code id} (string): the image file's URI, or the IDX record's index from 0;</li>
 * <li>{@code prediction} (string): the most probable class's name, as training saved it (the
 * class folder's name for {@code images:} data; the class index, "0" to "9", for IDX data and
 * for models saved without sparkdp's metadata);</li>
 * <li>{@code probability} (double): the model's probability of that class;</li>
 * <li>{@code top_classes} (array of string) and {@code top_probabilities} (array of double): the
 * {@code --top-k} most probable classes, most probable first;</li>
 * <li>{@code error} (string): why the image could not be scored; then every other column but
 * {@code id} is null. Null for a scored image.</li>
 * </ul>
 * CSV has no arrays: there the two top-k columns are strings joined with {@code ;}.
 * <p>
 * A regression model's rows ({@link Targets#schema()}): {@code id}, then one double column per
 * regression target, named as training named the target (its CSV header or column, its Parquet
 * label column), then {@code error}. A target named {@code id} or {@code error}, or named like
 * an earlier one, gets the suffix {@code _prediction}.
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

    /** How a minibatch's network outputs become output rows. */
    sealed interface Output extends java.io.Serializable {
        /** The schema of the rows, as Parquet and JSON lines hold them. */
        StructType schema();

        /** Outputs of the network per example. */
        int width();

        /** The row of the example whose outputs are {@code outputs[from .. from + width())}. */
        Row scored(String id, double[] outputs, int from);

        /** The row of an example that could not be scored: its id and error, every other column null. */
        Row failed(String id, String error);
    }

    /**
     * A classifier's rows: the most probable class and the top {@code topK}.
     *
     * @param classNames each class's name, in output order
     * @param topK       classes listed per example; capped at the number of classes
     */
    record Classes(List<String> classNames, int topK) implements Output {
        Classes {
            classNames = List.copyOf(classNames);
        }

        @Override
        public StructType schema() {
            return SCHEMA;
        }

        @Override
        public int width() {
            return classNames.size();
        }

        @Override
        public Row scored(String id, double[] outputs, int from) {
            return ScoreRows.scored(id, outputs, from, classNames, topK);
        }

        @Override
        public Row failed(String id, String error) {
            return ScoreRows.failed(id, error);
        }
    }

    /**
     * A regression model's rows: its predicted value of every target.
     *
     * @param targetNames each target's name, in output order
     */
    record Targets(List<String> targetNames) implements Output {
        Targets {
            targetNames = List.copyOf(targetNames);
        }

        @Override
        public StructType schema() {
            List<String> taken = new java.util.ArrayList<>(List.of("id", "error"));
            List<StructField> fields = new java.util.ArrayList<>();
            fields.add(DataTypes.createStructField("id", DataTypes.StringType, false));
            for (String target : targetNames) {
                String column = target;
                while (taken.contains(column)) {
                    column = column + "_prediction";
                }
                taken.add(column);
                fields.add(DataTypes.createStructField(column, DataTypes.DoubleType, true));
            }
            fields.add(DataTypes.createStructField("error", DataTypes.StringType, true));
            return new StructType(fields.toArray(StructField[]::new));
        }

        @Override
        public int width() {
            return targetNames.size();
        }

        @Override
        public Row scored(String id, double[] outputs, int from) {
            Object[] values = new Object[targetNames.size() + 2];
            values[0] = id;
            for (int t = 0; t < targetNames.size(); t++) {
                values[t + 1] = outputs[from + t];
            }
            return RowFactory.create(values);
        }

        @Override
        public Row failed(String id, String error) {
            Object[] values = new Object[targetNames.size() + 2];
            values[0] = id;
            values[values.length - 1] = error;
            return RowFactory.create(values);
        }
    }

    /** The row of a scored image, from the model's class probabilities; classes named by index. */
    static Row scored(String id, double[] probabilities, int topK) {
        return scored(id, probabilities, 0, DataSchema.indexNames(probabilities.length), topK);
    }

    /**
     * The row of a scored image whose probabilities of the classes {@code classNames} are
     * {@code probabilities[from .. from + classNames.size())}: one row of a minibatch's flat output.
     */
    static Row scored(String id, double[] probabilities, int from, List<String> classNames, int topK) {
        int classes = classNames.size();
        int k = Math.min(topK, classes);
        String[] names = new String[k];
        Double[] top = new Double[k];
        boolean[] taken = new boolean[classes];
        for (int rank = 0; rank < k; rank++) {
            // Selection by Double.compare, first maximum wins: ties keep class order, as argmax does.
            int best = -1;
            for (int c = 0; c < classes; c++) {
                if (!taken[c] && (best < 0 || Double.compare(probabilities[from + c], probabilities[from + best]) > 0)) {
                    best = c;
                }
            }
            taken[best] = true;
            names[rank] = classNames.get(best);
            top[rank] = probabilities[from + best];
        }
        return RowFactory.create(id, names[0], top[0], names, top, null);
    }

    /** The row of an image that could not be scored. */
    static Row failed(String id, String error) {
        return RowFactory.create(id, null, null, null, null, error);
    }

    /** The schema of a classifier's files written in {@code format}, for reading them back. */
    public static StructType schemaFor(ScoreConfig.OutputFormat format) {
        return schemaFor(SCHEMA, format);
    }

    /** The schema of files of {@code rows} written in {@code format}: CSV holds arrays as strings. */
    static StructType schemaFor(StructType rows, ScoreConfig.OutputFormat format) {
        if (format != ScoreConfig.OutputFormat.CSV) {
            return rows;
        }
        return new StructType(Arrays.stream(rows.fields())
                .map(f -> f.dataType() instanceof org.apache.spark.sql.types.ArrayType
                        ? DataTypes.createStructField(f.name(), DataTypes.StringType, true) : f)
                .toArray(StructField[]::new));
    }

    /**
     * Options of Spark's writer for {@code format}. CSV gets a header line. Parquet writes the
     * columns whose values are (nearly) all distinct, the id and the probabilities, without a
     * dictionary: Parquet would otherwise build one per column chunk, find it no smaller than the
     * values and fall back, which cost more per row than the MLP's forward pass (measured with
     * Spark's {@code noop} format as the baseline). The class columns keep theirs.
     */
    static Map<String, String> writeOptions(ScoreConfig.OutputFormat format) {
        return switch (format) {
            case CSV -> Map.of("header", "true");
            case PARQUET -> Map.of("parquet.enable.dictionary#id", "false",
                    "parquet.enable.dictionary#probability", "false",
                    "parquet.enable.dictionary#top_probabilities.list.element", "false");
            case JSONL -> Map.of();
        };
    }

    /** The writer's options for {@code output}'s rows: a regression's predicted values are distinct too. */
    static Map<String, String> writeOptions(ScoreConfig.OutputFormat format, Output output) {
        if (format != ScoreConfig.OutputFormat.PARQUET || !(output instanceof Targets)) {
            return writeOptions(format);
        }
        Map<String, String> options = new java.util.HashMap<>(Map.of("parquet.enable.dictionary#id", "false"));
        StructField[] fields = output.schema().fields();
        for (int f = 1; f < fields.length - 1; f++) {
            options.put("parquet.enable.dictionary#" + fields[f].name(), "false");
        }
        return options;
    }

    /** {@code rows} as {@code format} can hold them: CSV gets the top-k arrays joined with ';'. */
    static Dataset<Row> forFormat(Dataset<Row> rows, ScoreConfig.OutputFormat format) {
        if (format != ScoreConfig.OutputFormat.CSV || !Arrays.asList(rows.columns()).contains("top_classes")) {
            return rows;
        }
        return rows.withColumn("top_classes", joined("top_classes"))
                .withColumn("top_probabilities", joined("top_probabilities"));
    }

    private static Column joined(String column) {
        return functions.concat_ws(";", functions.col(column).cast("array<string>"));
    }
}
