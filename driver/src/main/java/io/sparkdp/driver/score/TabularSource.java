package io.sparkdp.driver.score;

import static org.apache.spark.sql.functions.col;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.CsvData;
import io.sparkdp.data.HadoopConf;
import io.sparkdp.data.TextSplit;
import io.sparkdp.driver.spark.RunScope;
import io.sparkdp.driver.spark.SparkContexts;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rows of features to score, {@code csv:} or {@code parquet:}, read on the executors as a stream,
 * by the readers and flags training uses, but without a label: every CSV column is a feature
 * unless {@code --label-column} names it; Parquet's {@code --features-column} vector is read and
 * nothing else.
 * <p>
 * The driver reads the first CSV line (or the first Parquet vector) and refuses a width other
 * than the model's, with both in the message. After that a row is scored on its own: a CSV row
 * of another width, a field that is not a number, NaN or infinite, or a Parquet row whose vector
 * is null, of another size or not finite, becomes an error row and is counted, as a corrupt image
 * is. A CSV file whose header differs from the first file's fails the run, since its columns may
 * be in another order.
 * <p>
 * The id of a CSV row is {@code <file>:<line>}, the line's 1-based number in its file as editors
 * and training's messages count (header included); a file over one split (64 MiB) has its line
 * breaks counted in one extra pass first. The id of a Parquet row is {@code <file>:<row>}, its
 * 0-based row index in the file.
 */
final class TabularSource {
    private TabularSource() {
    }

    static JavaRDD<ScoreInput> open(JavaSparkContext spark, RunScope scope, ScoreConfig config, ModelInput model) {
        return config.input().startsWith(ScoreConfig.CSV_PREFIX) ? csv(spark, scope, config, model)
                : parquet(spark, config, model);
    }

    /**
     * One split of a CSV file to read.
     *
     * @param linesBefore lines of the file before the split's first byte; 0 for a file's first split
     */
    private record CsvPart(TextSplit split, long linesBefore) implements Serializable {
    }

    private static JavaRDD<ScoreInput> csv(JavaSparkContext spark, RunScope scope, ScoreConfig config, ModelInput model) {
        Configuration conf = spark.hadoopConfiguration();
        List<TextSplit> splits = TextSplit.of(config.inputPath(), conf);
        String first = splits.get(0).path();
        CsvData.Layout layout = CsvData.unlabeledLayout(first, config.tabular().skippedColumns(), config.tabular().dataConfig(),
                conf);
        int width = layout.featureColumns();
        if (width != model.features()) { // "... expects 16", not "4x4": rows are read as numbers whatever the model's shape
            throw new BadDataException("input rows have " + width + " features but the model expects " + model.features() + " features"
                    + " (" + first + ": " + layout.columns() + " columns" + skipped(layout) + ")");
        }
        return csvRows(spark, splits, layout, scope.broadcast(new HadoopConf(conf)));
    }

    /** What a width message adds about the columns left out: how to leave a label out, or how many were. */
    static String skipped(CsvData.Layout layout) {
        return layout.labelColumns().length == 0 ? "; if a column is a label, leave it out with --label-column"
                : " less " + layout.labelColumns().length + " named by --label-column";
    }

    /** The rows of {@code splits}, one partition each, numbered by their line in their file. */
    static JavaRDD<ScoreInput> csvRows(JavaSparkContext spark, List<TextSplit> splits, CsvData.Layout layout,
                                       Broadcast<HadoopConf> conf) {
        List<CsvPart> parts = numbered(spark, splits);
        return spark.parallelize(parts, parts.size()).mapPartitions(it -> CsvRows.of(it.next(), layout, conf.value().get()));
    }

    /** The splits with the lines before each: counted in one pass over the splits that follow another of their file. */
    private static List<CsvPart> numbered(JavaSparkContext spark, List<TextSplit> splits) {
        List<TextSplit> counted = new ArrayList<>();
        for (int s = 0; s + 1 < splits.size(); s++) {
            if (splits.get(s + 1).path().equals(splits.get(s).path())) {
                counted.add(splits.get(s));
            }
        }
        List<Long> breaks = List.of();
        if (!counted.isEmpty()) {
            Broadcast<HadoopConf> shared = spark.broadcast(new HadoopConf(spark.hadoopConfiguration()));
            breaks = spark.parallelize(counted, counted.size()).map(split -> split.lineBreaks(shared.value().get())).collect();
            shared.destroy();
        }
        List<CsvPart> parts = new ArrayList<>();
        long before = 0;
        int next = 0;
        for (int s = 0; s < splits.size(); s++) {
            boolean continues = s > 0 && splits.get(s - 1).path().equals(splits.get(s).path());
            before = continues ? before + breaks.get(next++) : 0;
            parts.add(new CsvPart(splits.get(s), before));
        }
        return parts;
    }

    /** The rows of one CSV split, read line by line as they are consumed; runs on an executor. */
    private static final class CsvRows implements Iterator<ScoreInput> {
        private final CsvPart part;
        private final CsvData.Layout layout;
        private final org.apache.hadoop.mapred.LineRecordReader reader;
        private final org.apache.hadoop.io.LongWritable offset;
        private final org.apache.hadoop.io.Text text;
        private long lineInSplit;
        private ScoreInput next;
        private boolean open = true;

        private CsvRows(CsvPart part, CsvData.Layout layout, org.apache.hadoop.mapred.LineRecordReader reader) {
            this.part = part;
            this.layout = layout;
            this.reader = reader;
            this.offset = reader.createKey();
            this.text = reader.createValue();
        }

        static Iterator<ScoreInput> of(CsvPart part, CsvData.Layout layout, Configuration conf) throws IOException {
            TextSplit split = part.split();
            var reader = new org.apache.hadoop.mapred.LineRecordReader(conf, new org.apache.hadoop.mapred.FileSplit(
                    new org.apache.hadoop.fs.Path(split.path()), split.start(), split.length(), (String[]) null));
            CsvRows rows = new CsvRows(part, layout, reader);
            org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) done -> rows.close());
            }
            return rows;
        }

        @Override
        public boolean hasNext() {
            while (next == null && open) {
                next = read();
            }
            return next != null;
        }

        @Override
        public ScoreInput next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            ScoreInput row = next;
            next = null;
            return row;
        }

        /** The next row to score; null for a line that is none (blank, a header) and at the end. */
        private ScoreInput read() {
            try {
                if (!reader.next(offset, text)) {
                    close();
                    return null;
                }
            } catch (IOException e) {
                throw new BadDataException("cannot read " + part.split().path() + ": " + e.getMessage(), e);
            }
            lineInSplit++;
            boolean firstOfFile = part.split().start() == 0 && lineInSplit == 1;
            String line = firstOfFile ? CsvData.withoutBom(text.toString()) : text.toString();
            String id = part.split().path() + ":" + line();
            if (firstOfFile && layout.header()) {
                if (!line.equals(layout.headerLine())) {
                    throw new BadDataException(id + ": header differs from the first file's: " + line);
                }
                return null;
            }
            if (line.isBlank()) {
                return null;
            }
            try {
                return new ScoreInput.Features(id, CsvData.features(line, layout));
            } catch (BadDataException e) {
                return new ScoreInput.Unreadable(id, e.getMessage());
            }
        }

        /** The current line's number in its file: a split after the first skips the line it starts in. */
        private long line() {
            return part.split().start() == 0 ? lineInSplit : part.linesBefore() + 1 + lineInSplit;
        }

        private void close() {
            if (open) {
                open = false;
                try {
                    reader.close();
                } catch (IOException e) {
                    // nothing was written; the rows read so far stand
                }
            }
        }
    }

    private static JavaRDD<ScoreInput> parquet(JavaSparkContext spark, ScoreConfig config, ModelInput model) {
        String features = config.tabular().featuresColumn();
        Dataset<Row> frame;
        try {
            frame = SparkContexts.session(spark).read().parquet(config.inputPath());
        } catch (RuntimeException e) {
            throw new BadDataException("cannot read " + config.input() + ": " + firstLine(e.getMessage()), e);
        }
        List<String> names = Arrays.asList(frame.schema().fieldNames());
        if (!names.contains(features) || !(frame.schema().apply(features).dataType() instanceof VectorUDT)) {
            throw new BadDataException(config.input() + " has columns " + frame.schema().simpleString() + "; it needs a Spark ML "
                    + "vector column '" + features + "' (see --features-column)");
        }
        List<Row> first = frame.select(col(features)).where(col(features).isNotNull()).limit(1).collectAsList();
        if (first.isEmpty()) {
            throw new BadDataException("no rows with features in " + config.input());
        }
        int width = ((Vector) first.get(0).get(0)).size();
        if (width != model.features()) {
            throw new BadDataException("input rows have " + width + " features but the model expects " + model.features() + " features"
                    + " (the first vector of column '" + features + "' in " + config.input() + ")");
        }
        int expected = model.features();
        return frame.select(col(features), col("_metadata.file_path"), col("_metadata.row_index")).javaRDD()
                .map(row -> parquetRow(row, expected));
    }

    private static ScoreInput parquetRow(Row row, int expected) {
        String id = row.getString(1) + ":" + row.getLong(2);
        if (row.isNullAt(0)) {
            return new ScoreInput.Unreadable(id, "the features are null");
        }
        Vector vector = (Vector) row.get(0);
        if (vector.size() != expected) {
            return new ScoreInput.Unreadable(id, vector.size() + " features, but the model reads " + expected);
        }
        double[] dense = vector.toArray();
        float[] values = new float[expected];
        for (int j = 0; j < expected; j++) {
            double value = dense[j];
            if (!Double.isFinite(value)) {
                return new ScoreInput.Unreadable(id, "feature " + j + " is " + value + "; features must be finite numbers");
            }
            values[j] = (float) value;
        }
        return new ScoreInput.Features(id, values);
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
