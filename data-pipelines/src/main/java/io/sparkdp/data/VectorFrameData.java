package io.sparkdp.data;

import static org.apache.spark.sql.functions.col;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Data in Spark ML's shape, a vector column of features and a numeric label column, read
 * through Spark SQL's own data sources on the executors:
 * <ul>
 *   <li>{@code parquet:<file or directory>}, any DataFrame saved with such columns (names set by
 *       {@code --features-column} and {@code --label-column}; Spark ML's {@code features} and
 *       {@code label} by default); a bad record is named by file and row;</li>
 *   <li>{@code libsvm:<file or directory>}, by Spark MLlib's {@code libsvm} source, with
 *       {@code --num-features} or the largest index in the data; a bad record is named by file
 *       and its position after the start of the part that held it.</li>
 * </ul>
 * Labels are class indices ({@code 0.0, 1.0, ...}), or for regression one real-valued target,
 * which must be finite. Records are numbered in the files' own order (by path, then row or
 * place in the file), whatever partitions Spark's file scan packs the files into, so the shards
 * do not depend on the scan's settings or the cluster's parallelism.
 */
public final class VectorFrameData {
    public static final String PARQUET = "parquet:";
    public static final String LIBSVM = "libsvm:";

    private VectorFrameData() {
    }

    /** Reads {@code spec} once on the executors and settles its schema. */
    public static TabularData open(String spec, DataConfig config, JavaSparkContext sc) {
        boolean parquet = spec.startsWith(PARQUET);
        String root = spec.substring(parquet ? PARQUET.length() : LIBSVM.length());
        checkExists(spec, root, sc);
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        String label = DataConfig.AUTO.equals(config.labelColumn()) ? DataConfig.DEFAULT_LABEL : config.labelColumn();
        String features = config.featuresColumn();
        Dataset<Row> frame;
        try {
            DataFrameReader reader = spark.read();
            if (!parquet && config.numFeatures() > 0) {
                reader = reader.option("numFeatures", config.numFeatures());
            }
            frame = parquet ? reader.parquet(root) : reader.format("libsvm").load(root);
        } catch (RuntimeException e) {
            throw new BadDataException("cannot read " + spec + ": " + firstLine(e.getMessage()), e);
        }
        checkColumns(spec, frame.schema(), features, label);
        Dataset<Row> rows = frame.select(col(features), col(label).cast("double"), col("_metadata.file_path"),
                parquet ? col("_metadata.row_index") : col("_metadata.file_block_start"));
        Reading reading = new Reading(config.numFeatures(), parquet, config.regression(), label);
        JavaRDD<RawBlock> raw = rows.javaRDD().mapPartitions(it -> List.of(read(it, reading)).iterator(), true);
        return TabularData.read(spec, raw, config, List.of(label));
    }

    /**
     * How each partition's rows are read.
     *
     * @param expected   features per record; 0 for the first record's count
     * @param regression whether the label is a real-valued target rather than a class index
     * @param label      the label column's name, as messages name a target
     */
    private record Reading(int expected, boolean parquet, boolean regression, String label) implements java.io.Serializable {
    }

    private static void checkExists(String spec, String root, JavaSparkContext sc) {
        if (root.isBlank()) {
            throw new BadDataException("no path in '" + spec + "'");
        }
        try {
            Path path = new Path(root);
            path.getFileSystem(sc.hadoopConfiguration()).getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new BadDataException("data path does not exist: " + root);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadDataException("cannot open " + root + ": " + e.getMessage(), e);
        }
    }

    private static void checkColumns(String spec, StructType schema, String features, String label) {
        List<String> names = Arrays.asList(schema.fieldNames());
        if (!names.contains(features) || !names.contains(label)) {
            throw new BadDataException(spec + " has columns " + names + "; it needs a vector column '" + features
                    + "' and a numeric label column '" + label + "' (see --features-column, --label-column)");
        }
        StructField f = schema.apply(features);
        if (!(f.dataType() instanceof VectorUDT)) {
            throw new BadDataException("column '" + features + "' of " + spec + " is " + f.dataType().simpleString()
                    + ", not a Spark ML vector (org.apache.spark.ml.linalg.Vector)");
        }
        StructField l = schema.apply(label);
        if (!(l.dataType() instanceof NumericType)) {
            throw new BadDataException("label column '" + label + "' of " + spec + " is " + l.dataType().simpleString()
                    + ", not numeric: labels must be class indices 0, 1, ... or, with --task regression, real numbers");
        }
    }

    /** Where a row is: by row index (Parquet) or by its place in the part of a file that held it (LibSVM). */
    private record Place(boolean parquet, String file, long position, long record) {
        @Override
        public String toString() {
            return parquet ? file + ": row " + position
                    : position == 0 ? file + ": record " + record : file + ": record " + record + " of the part from byte " + position;
        }
    }

    /** One partition's rows as a block; runs on an executor. */
    private static RawBlock read(Iterator<Row> rows, Reading reading) {
        boolean parquet = reading.parquet();
        int expected = reading.expected();
        TabularBuilder out = null;
        Place last = null;
        FileRuns runs = new FileRuns(parquet);
        while (next(rows, last)) {
            Row row = rows.next();
            String file = row.getString(2);
            long position = row.getLong(3);
            boolean samePart = last != null && last.file().equals(file) && last.position() == position;
            Place place = new Place(parquet, file, position, samePart ? last.record() + 1 : 1);
            last = place;
            runs.add(file, position);
            Supplier<String> where = place::toString;
            if (row.isNullAt(0) || row.isNullAt(1)) {
                throw new BadDataException(where.get() + ": the " + (row.isNullAt(0) ? "features are" : "label is") + " null");
            }
            Vector vector = row.getAs(0);
            int size = out != null ? out.featureSize() : expected > 0 ? expected : vector.size();
            if (vector.size() != size) {
                throw new BadDataException(where.get() + ": " + vector.size() + " features, but the records have " + size);
            }
            out = out != null ? out : new TabularBuilder(size, reading.regression() ? 1 : 0);
            double[] values = vector.toArray();
            for (int j = 0; j < values.length; j++) {
                if (!Double.isFinite(values[j])) {
                    throw new BadDataException(where.get() + ": feature " + j + " is " + values[j] + "; features must be finite numbers");
                }
                out.value((float) values[j], j, where);
            }
            if (reading.regression()) {
                double target = row.getDouble(1);
                if (!Double.isFinite(target)) {
                    throw new BadDataException(where.get() + ": target " + reading.label() + " is " + target
                            + "; regression targets must be finite numbers");
                }
                out.endRecord(new float[] {(float) target}, new String[] {reading.label()}, where, where);
            } else {
                out.endRecord(label(row.getDouble(1)), where, where);
            }
        }
        return out != null ? out.build().withRuns(runs.done()) : new TabularBuilder(0).build();
    }

    /**
     * The runs of consecutive records of one file in a partition: Parquet rows whose indices follow
     * one another, or the LibSVM records of one part of a file (numbered from the part's first byte).
     */
    private static final class FileRuns {
        private final boolean parquet;
        private final List<SourceRun> runs = new ArrayList<>();
        private String file;
        private long start;
        private long last;
        private int length;

        FileRuns(boolean parquet) {
            this.parquet = parquet;
        }

        void add(String path, long position) {
            boolean continues = length > 0 && path.equals(file) && (parquet ? position == last + 1 : position == start);
            if (!continues) {
                done();
                file = path;
                start = position;
                length = 0;
            }
            last = position;
            length++;
        }

        /** The runs so far, the one under way included. */
        List<SourceRun> done() {
            if (length > 0) {
                runs.add(new SourceRun(file, start, length));
                length = 0;
            }
            return runs;
        }
    }

    /** {@code rows.hasNext()}, naming the last good record when the source's own parser fails. */
    private static boolean next(Iterator<Row> rows, Place last) {
        try {
            return rows.hasNext();
        } catch (RuntimeException e) {
            String after = last == null ? "the first record of a part" : "the record after " + last;
            throw new BadDataException(after + " does not parse: " + firstLine(e.getMessage()), e);
        }
    }

    /** A label as {@link ClassLabels} reads it: whole numbers without a fraction. */
    private static String label(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
