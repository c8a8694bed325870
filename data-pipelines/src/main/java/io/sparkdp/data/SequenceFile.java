package io.sparkdp.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * One sequence of a {@code csvseq:} data set: a CSV file whose rows are its time steps, and the
 * file holding its label (a labels file of the same name, in DL4J's two-directory convention).
 *
 * @param features the features file
 * @param labels   its labels file; empty where each row holds its step's label in a column
 */
record SequenceFile(String features, String labels) implements Serializable {
    /** The non-blank lines of a file, with their 1-based line numbers, header skipped. */
    record Lines(List<String> text, List<Integer> numbers) {
        int size() {
            return text.size();
        }

        /** {@code file:line} of line {@code i}. */
        String where(String file, int i) {
            return file + ":" + numbers.get(i);
        }
    }

    /** Reads {@code file} whole; a sequence file is small, one example. */
    static Lines lines(String file, boolean header, Configuration conf) throws IOException {
        Path path = new Path(file);
        FileSystem fs = path.getFileSystem(conf);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
        List<String> text = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        try (InputStream raw = fs.open(path);
             InputStream in = codec == null ? raw : codec.createInputStream(raw);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if ((header && number == 1) || line.isBlank()) {
                    continue;
                }
                text.add(line);
                numbers.add(number);
            }
        }
        return new Lines(text, numbers);
    }

    /** The fields of line {@code i}, as CSV reads them. */
    static List<String> fields(Lines lines, int i, String file, char delimiter) {
        try {
            return CsvLine.fields(lines.text().get(i), delimiter);
        } catch (IllegalArgumentException e) {
            throw new BadDataException(lines.where(file, i) + ": " + e.getMessage());
        }
    }

    /** A finite feature value, or a one-line error naming file, line and column. */
    static float value(String field, int column, String where) {
        float value;
        try {
            value = Float.parseFloat(field);
        } catch (NumberFormatException e) {
            throw new BadDataException(where + ": column " + column + " is '" + field + "', not a number");
        }
        if (!Float.isFinite(value)) {
            throw new BadDataException(where + ": column " + column + " is " + field.trim() + "; features must be finite");
        }
        return value;
    }
}
