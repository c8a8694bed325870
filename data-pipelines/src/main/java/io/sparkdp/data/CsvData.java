package io.sparkdp.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.LineRecordReader;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * {@code csv:<file or directory>}: one record per line, every column but the label a feature;
 * for regression the label columns (one or several) are real-valued targets.
 * The executors read the files with Hadoop's line reader in {@link TextSplit}s of a fixed order
 * (files by name, then byte ranges), so the same files always give the same record order. The
 * driver reads only the first line, for the column count and header.
 * <p>
 * Each of these stops the job with the file and line: a row of another width, a field that is
 * not a number, a NaN or infinite value, an unclosed quote, a header unlike the first file's,
 * a NaN or infinite regression target, and (when the classes are settled) a label outside them.
 * Blank lines are skipped.
 */
public final class CsvData {
    public static final String PREFIX = "csv:";

    private CsvData() {
    }

    /**
     * How every line is read: the columns, which are labels, and the first file's header.
     *
     * @param labelColumns the label column (classification) or the target columns (regression), in output order
     * @param regression   whether the labels are real-valued targets
     * @param targetNames  each label column as users name it: its header name, else {@code column N}
     */
    public record Layout(int columns, int[] labelColumns, boolean regression, List<String> targetNames, char delimiter,
                         boolean header, String headerLine) implements Serializable {
        /** Values a row gives as features: its columns less the label columns. */
        public int featureColumns() {
            return columns - labelColumns.length;
        }

        boolean isLabel(int column) {
            for (int label : labelColumns) {
                if (label == column) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Lists the files, reads the first line for the layout, then reads every record once on the executors. */
    public static TabularData open(String spec, DataConfig config, JavaSparkContext sc) {
        String root = spec.substring(PREFIX.length());
        if (root.isBlank()) {
            throw new BadDataException("no path in '" + spec + "': use csv:<file or directory>");
        }
        Configuration conf = sc.hadoopConfiguration();
        List<TextSplit> splits = TextSplit.of(root, conf);
        Layout layout = layout(splits.get(0).path(), config, conf);
        Broadcast<HadoopConf> shared = sc.broadcast(new HadoopConf(conf));
        JavaRDD<RawBlock> raw = sc.parallelize(splits, splits.size())
                .mapPartitions(it -> List.of(read(it.next(), layout, shared.value().get())).iterator(), true);
        return TabularData.read(spec, raw, config, layout.targetNames());
    }

    private static Layout layout(String firstFile, DataConfig config, Configuration conf) {
        String first = firstLine(firstFile, conf);
        char delimiter = config.delimiter().charAt(0);
        List<String> names = firstFields(firstFile, first, delimiter);
        if (names.size() < 2) {
            throw new BadDataException(firstFile + ":1: one column only (delimiter '" + config.delimiter()
                    + "'); a record needs a label and at least one feature; see --delimiter");
        }
        int[] labels = config.labelColumns().stream().mapToInt(label -> labelColumn(firstFile, names, label, config)).toArray();
        if (Arrays.stream(labels).distinct().count() < labels.length) {
            throw new BadDataException("--label-column '" + config.labelColumn() + "' names a column twice in " + firstFile);
        }
        if (labels.length >= names.size()) {
            throw new BadDataException("--label-column names all " + names.size() + " columns of " + firstFile
                    + "; a record needs at least one feature");
        }
        List<String> targetNames = Arrays.stream(labels)
                .mapToObj(c -> config.header() ? names.get(c).trim() : "column " + c).toList();
        return new Layout(names.size(), labels, config.regression(), targetNames, delimiter, config.header(), first);
    }

    /**
     * The layout of unlabeled rows, as scoring reads them: every column is a feature except the
     * {@code skipped} ones (say, the label column of a labelled file), named as {@code --label-column}
     * names them, by 0-based index or header name. Read from the first line of {@code firstFile}.
     *
     * @throws BadDataException for a first line that cannot be read, a skipped column that is not
     *                          there, or no feature left
     */
    public static Layout unlabeledLayout(String firstFile, List<String> skipped, DataConfig config, Configuration conf) {
        String first = firstLine(firstFile, conf);
        char delimiter = config.delimiter().charAt(0);
        List<String> names = firstFields(firstFile, first, delimiter);
        int[] columns = skipped.stream().mapToInt(label -> labelColumn(firstFile, names, label, config)).distinct().toArray();
        if (columns.length >= names.size()) {
            throw new BadDataException("--label-column leaves none of the " + names.size() + " columns of " + firstFile
                    + " as a feature");
        }
        return new Layout(names.size(), columns, false, List.of(), delimiter, config.header(), first);
    }

    /**
     * The features of one line of unlabeled data laid out as {@code layout}: every column but the
     * skipped ones, as 32-bit floats.
     *
     * @throws BadDataException (its message without the line's place) for another number of fields,
     *                          a field that is not a number, NaN or infinite, or an unclosed quote
     */
    public static float[] features(String line, Layout layout) {
        List<String> fields;
        try {
            fields = CsvLine.fields(line, layout.delimiter());
        } catch (IllegalArgumentException e) {
            throw new BadDataException(e.getMessage());
        }
        if (fields.size() != layout.columns()) {
            throw new BadDataException(fields.size() + " fields, but the rows have " + layout.columns());
        }
        float[] out = new float[layout.featureColumns()];
        int j = 0;
        for (int column = 0; column < fields.size(); column++) {
            if (!layout.isLabel(column)) {
                float value = parse(fields.get(column), column, () -> "");
                if (!Float.isFinite(value)) {
                    throw new BadDataException("column " + column + " is " + value + "; features must be finite numbers");
                }
                out[j++] = value;
            }
        }
        return out;
    }

    /** A line as a record reader returns it: without a byte-order mark at the start of a file. */
    public static String withoutBom(String line) {
        return stripBom(line);
    }

    private static List<String> firstFields(String firstFile, String first, char delimiter) {
        try {
            return CsvLine.fields(first, delimiter);
        } catch (IllegalArgumentException e) {
            throw new BadDataException(firstFile + ":1: " + e.getMessage());
        }
    }

    private static int labelColumn(String file, List<String> names, String label, DataConfig config) {
        if (DataConfig.AUTO.equals(label)) {
            return names.size() - 1;
        }
        if (label.matches("-?\\d+")) {
            int index = Integer.parseInt(label);
            if (index < 0 || index >= names.size()) {
                throw new BadDataException("--label-column " + index + " is outside the " + names.size() + " columns 0.."
                        + (names.size() - 1) + " of " + file);
            }
            return index;
        }
        if (!config.header()) {
            throw new BadDataException("--label-column '" + label + "' is a name, but the files have no header; pass "
                    + "--header true or a 0-based column index");
        }
        List<String> trimmed = names.stream().map(String::trim).toList();
        int index = trimmed.indexOf(label.trim());
        if (index < 0) {
            throw new BadDataException("no column '" + label + "' in the header of " + file + ": " + trimmed);
        }
        return index;
    }

    private static String firstLine(String file, Configuration conf) {
        Path path = new Path(file);
        try {
            FileSystem fs = path.getFileSystem(conf);
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
            try (InputStream raw = fs.open(path);
                 InputStream in = codec == null ? raw : codec.createInputStream(raw);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line = reader.readLine();
                if (line == null || line.isBlank()) {
                    throw new BadDataException(file + ":1: the first line is empty");
                }
                return stripBom(line);
            }
        } catch (IOException e) {
            throw new BadDataException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** Reads one split into a block; runs on an executor. */
    static RawBlock read(TextSplit split, Layout layout, Configuration conf) throws IOException {
        Path path = new Path(split.path());
        FileSystem fs = path.getFileSystem(conf);
        LineRecordReader reader = new LineRecordReader(conf, new FileSplit(path, split.start(), split.length(), (String[]) null));
        int labels = layout.labelColumns().length;
        TabularBuilder out = new TabularBuilder(layout.columns() - labels, layout.regression() ? labels : 0);
        try {
            LongWritable offset = reader.createKey();
            Text text = reader.createValue();
            long lineInSplit = 0;
            while (reader.next(offset, text)) {
                lineInSplit++;
                long number = lineInSplit;
                long at = offset.get();
                Supplier<String> where = () -> where(fs, split, number, at);
                Supplier<String> note = () -> note(split, number);
                String line = lineInSplit == 1 && split.start() == 0 ? stripBom(text.toString()) : text.toString();
                if (layout.header() && split.start() == 0 && lineInSplit == 1) {
                    if (!line.equals(layout.headerLine())) {
                        throw new BadDataException(where.get() + ": header differs from the first file's: " + line);
                    }
                } else if (!line.isBlank()) {
                    record(line, layout, where, note, out);
                }
            }
        } finally {
            reader.close();
        }
        return out.build();
    }

    private static void record(String line, Layout layout, Supplier<String> where, Supplier<String> note,
                               TabularBuilder out) {
        List<String> fields;
        try {
            fields = CsvLine.fields(line, layout.delimiter());
        } catch (IllegalArgumentException e) {
            throw new BadDataException(where.get() + ": " + e.getMessage());
        }
        if (fields.size() != layout.columns()) {
            throw new BadDataException(where.get() + ": " + fields.size() + " fields, but the rows have " + layout.columns());
        }
        Iterator<String> it = fields.iterator();
        for (int column = 0; column < fields.size(); column++) {
            String field = it.next();
            if (!layout.isLabel(column)) {
                out.value(parse(field, column, where), column, where);
            }
        }
        if (!layout.regression()) {
            out.endRecord(fields.get(layout.labelColumns()[0]).trim(), where, note);
            return;
        }
        int[] columns = layout.labelColumns();
        float[] targets = new float[columns.length];
        String[] names = new String[columns.length];
        for (int t = 0; t < columns.length; t++) {
            targets[t] = parse(fields.get(columns[t]), columns[t], where);
            names[t] = layout.targetNames().get(t);
        }
        out.endRecord(targets, names, where, note);
    }

    private static float parse(String field, int column, Supplier<String> where) {
        try {
            return Float.parseFloat(field);
        } catch (NumberFormatException e) {
            String at = where.get();
            throw new BadDataException((at.isEmpty() ? "" : at + ": ") + "column " + column + " is '" + field + "', not a number");
        }
    }

    /** {@code file:line} where it is known without reading the file's start again. */
    private static String note(TextSplit split, long lineInSplit) {
        return split.start() == 0 ? split.path() + ":" + lineInSplit
                : split.path() + " (line " + lineInSplit + " of the part from byte " + split.start() + ")";
    }

    /** {@code file:line}; a split's lines beyond its first byte are counted from the file's start only for this message. */
    private static String where(FileSystem fs, TextSplit split, long lineInSplit, long offset) {
        if (split.start() == 0) {
            return split.path() + ":" + lineInSplit;
        }
        try {
            return split.path() + ":" + TextSplit.lineAt(fs, new Path(split.path()), offset);
        } catch (IOException e) {
            return split.path() + " (line " + lineInSplit + " after byte " + split.start() + ")";
        }
    }
}
