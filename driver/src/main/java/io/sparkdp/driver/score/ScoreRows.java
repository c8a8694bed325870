package io.sparkdp.driver.score;

import java.util.List;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

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
 * A seq2seq model's rows are its decoded sequences ({@link Decoded}).
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

    /**
     * How a minibatch's network outputs become output rows. Rows are Spark's internal rows (strings
     * as UTF-8 bytes, arrays as array data), which its writers take as they are: external {@code Row}s
     * would be converted field by field, their arrays element by element, which cost 7% of an MLP
     * scoring task (JFR, 70,000 images).
     */
    sealed interface Output extends java.io.Serializable {
        /** The schema of the rows, as Parquet and JSON lines hold them. */
        StructType schema();

        /** Outputs of the network per example. */
        int width();

        /** The row of the example whose outputs are {@code outputs[from .. from + width())}. */
        InternalRow scored(String id, double[] outputs, int from);

        /** The row of an example that could not be scored: its id and error, every other column null. */
        default InternalRow failed(String id, String error) {
            Object[] values = new Object[schema().size()];
            values[0] = UTF8String.fromString(id);
            values[values.length - 1] = UTF8String.fromString(error);
            return new GenericInternalRow(values);
        }
    }

    /** A classifier's rows: the most probable class and the top {@code topK}. */
    static final class Classes implements Output {
        private final List<String> classNames;
        private final int topK;
        /** The class names as the rows hold them, made once. */
        private final UTF8String[] names;

        /**
         * @param classNames each class's name, in output order
         * @param topK       classes listed per example; capped at the number of classes
         */
        Classes(List<String> classNames, int topK) {
            this.classNames = List.copyOf(classNames);
            this.topK = Math.min(topK, classNames.size());
            this.names = classNames.stream().map(UTF8String::fromString).toArray(UTF8String[]::new);
        }

        @Override
        public StructType schema() {
            return SCHEMA;
        }

        @Override
        public int width() {
            return classNames.size();
        }

        /** Selection by {@code Double.compare}, first maximum wins: ties keep class order, as argmax does. */
        @Override
        public InternalRow scored(String id, double[] probabilities, int from) {
            int classes = names.length;
            Object[] top = new Object[topK];
            double[] topProbabilities = new double[topK];
            boolean[] taken = new boolean[classes];
            for (int rank = 0; rank < topK; rank++) {
                int best = -1;
                for (int c = 0; c < classes; c++) {
                    if (!taken[c] && (best < 0 || Double.compare(probabilities[from + c], probabilities[from + best]) > 0)) {
                        best = c;
                    }
                }
                taken[best] = true;
                top[rank] = names[best];
                topProbabilities[rank] = probabilities[from + best];
            }
            return new GenericInternalRow(new Object[]{UTF8String.fromString(id), top[0], topProbabilities[0],
                    new GenericArrayData(top), UnsafeArrayData.fromPrimitiveArray(topProbabilities), null});
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
        public InternalRow scored(String id, double[] outputs, int from) {
            Object[] values = new Object[targetNames.size() + 2];
            values[0] = UTF8String.fromString(id);
            for (int t = 0; t < targetNames.size(); t++) {
                values[t + 1] = outputs[from + t];
            }
            return new GenericInternalRow(values);
        }
    }

    /**
     * A seq2seq model's rows: the sequence it decodes greedily, with no top-k (a top-k of whole
     * sequences would need a beam search; a top-k per step would describe sequences that were not
     * decoded). Columns: {@code id}; {@code prediction}, the decoded tokens up to the first end of
     * sequence, named as training saved them, joined by spaces; {@code length}, its tokens;
     * {@code probability}, the product of the chosen tokens' probabilities, its end included: the
     * model's probability of the whole decoded sequence; {@code complete}, whether it ended with
     * {@code <eos>} within the steps the model was built for (its longest target and the end):
     * false for a sequence cut there, which training never saw; {@code error}.
     */
    static final class Decoded implements Output {
        static final StructType SCHEMA = new StructType(new StructField[]{
                DataTypes.createStructField("id", DataTypes.StringType, false),
                DataTypes.createStructField("prediction", DataTypes.StringType, true),
                DataTypes.createStructField("length", DataTypes.IntegerType, true),
                DataTypes.createStructField("probability", DataTypes.DoubleType, true),
                DataTypes.createStructField("complete", DataTypes.BooleanType, true),
                DataTypes.createStructField("error", DataTypes.StringType, true)});

        private final List<String> vocabulary;
        private final int steps;

        /**
         * @param vocabulary the tokens, in output order, the last the end of sequence
         * @param steps      steps decoded at most per sequence
         */
        Decoded(List<String> vocabulary, int steps) {
            this.vocabulary = List.copyOf(vocabulary);
            this.steps = steps;
        }

        @Override
        public StructType schema() {
            return SCHEMA;
        }

        /** The softmax of every step, {@code [token][step]}. */
        @Override
        public int width() {
            return vocabulary.size() * steps;
        }

        /** Each step's most probable token (the first on a tie, as the decoder feeds back), up to the first end. */
        @Override
        public InternalRow scored(String id, double[] outputs, int from) {
            int end = vocabulary.size() - 1;
            StringBuilder tokens = new StringBuilder();
            double probability = 1;
            int length = 0;
            boolean complete = false;
            for (int t = 0; t < steps && !complete; t++) {
                int best = 0;
                for (int c = 1; c <= end; c++) {
                    if (outputs[from + c * steps + t] > outputs[from + best * steps + t]) {
                        best = c;
                    }
                }
                probability *= outputs[from + best * steps + t];
                complete = best == end;
                if (!complete) {
                    tokens.append(length++ == 0 ? "" : " ").append(vocabulary.get(best));
                }
            }
            return new GenericInternalRow(new Object[]{UTF8String.fromString(id), UTF8String.fromString(tokens.toString()),
                    length, probability, complete, null});
        }
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
