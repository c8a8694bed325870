package io.sparkdp.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code csvseq:} sequences, one CSV file per sequence whose rows are its time steps, in DL4J's
 * {@code CSVSequenceRecordReader} layout with two readers: a features directory and a labels
 * directory whose file of the same name holds the sequence's class on its one line, or one class
 * per line for each time step (tagging). Named as {@code csvseq:<dir>} holding {@code features/}
 * and {@code labels/}, or {@code csvseq:<features dir>,<labels dir>}; a {@code csvseq:<dir>}
 * without those holds sequences whose rows end (or at {@code --label-column}) in their step's class.
 * <p>
 * The executors read the files (sorted by name) once; the driver gathers each partition's step
 * width, longest sequence and distinct labels, settles the classes and pads every sequence at the
 * end to the longest one's length (or to the length a trained model was built for), keeping each
 * one's real length for the masks. Nothing is truncated: a sequence longer than a model's length
 * is an error. Each of these stops the job with the file and line: a row of another width, a
 * value that is not a finite number, an empty sequence, a features file without a labels file, a
 * labels file of neither one line nor one per time step, a label outside the classes.
 */
public final class SequenceData {
    public static final String PREFIX = "csvseq:";
    /** The subdirectories of {@code csvseq:<dir>}. */
    public static final String FEATURES = "features";
    public static final String LABELS = "labels";

    private SequenceData() {
    }

    /**
     * How the files are read, as the executors need it.
     *
     * @param labelColumn whether each row holds its step's class in a column (one directory)
     *                    rather than each sequence having a labels file
     * @param column      that column, by 0-based index, or {@value DataConfig#AUTO} for the last
     */
    private record Reading(char delimiter, boolean header, boolean labelColumn, String column)
            implements java.io.Serializable {
    }

    /** Lists the files on the driver, then reads every sequence once on the executors into counted blocks. */
    public static TabularData open(String spec, DataConfig config, JavaSparkContext sc) {
        if (config.regression()) {
            throw new BadDataException("--task regression is not supported for csvseq: data; its labels are classes");
        }
        List<SequenceFile> files = list(spec, sc.hadoopConfiguration());
        boolean labelColumn = files.get(0).labels().isEmpty();
        String column = config.labelColumn();
        if (labelColumn && !DataConfig.AUTO.equals(column) && !column.matches("\\d+")) {
            throw new BadDataException("csvseq: takes --label-column as a 0-based column index, got '" + column + "'");
        }
        Reading reading = new Reading(config.delimiter().charAt(0), config.header(), labelColumn, column);
        Broadcast<HadoopConf> shared = sc.broadcast(new HadoopConf(sc.hadoopConfiguration()));
        int parts = Math.max(1, Math.min(files.size(), 2 * sc.defaultParallelism()));
        JavaRDD<RawSequences> raw = sc.parallelize(files, parts)
                .mapPartitions(it -> List.of(read(it, reading, shared.value().get())).iterator(), true);
        raw.persist(StorageLevel.MEMORY_AND_DISK_SER()).setName("sparkdp sequences of " + spec);
        try {
            List<RawSequences.Summary> summaries = TabularData.collect(raw.map(RawSequences::summary));
            int features = features(spec, summaries);
            int steps = steps(summaries, features, config);
            boolean perStep = labelColumn || stepLabels(summaries);
            ClassLabels classes = ClassLabels.resolve(summaries.stream().map(RawSequences.Summary::labels).toList(), config);
            DataSchema schema = DataSchema.sequences(features, steps, classes.names(), perStep);
            Broadcast<ClassLabels> remaps = sc.broadcast(classes);
            int numClasses = classes.names().size();
            JavaRDD<SourceBlock> source = raw.mapPartitionsWithIndex((p, it) -> {
                List<SourceBlock> out = new ArrayList<>();
                it.forEachRemaining(b -> out.add(b.toSource(p, features, steps, perStep, numClasses,
                        remaps.value().remaps().get(p))));
                return out.iterator();
            }, true).setName("sparkdp examples of " + spec);
            return TabularData.of(spec, schema, ShardAssembler.count(source, config.maxBadFraction(), spec));
        } finally {
            raw.unpersist(false);
        }
    }

    /**
     * The features files, sorted by name, each with its labels file: {@code <dir>/features} and
     * {@code <dir>/labels}, or two named directories, or else one directory whose rows hold their
     * labels (an empty labels name).
     */
    static List<SequenceFile> list(String spec, Configuration conf) {
        String root = spec.substring(PREFIX.length());
        if (root.isBlank()) {
            throw new BadDataException("no path in '" + spec + "': use " + PREFIX + "<dir with features/ and labels/>, "
                    + PREFIX + "<features dir>,<labels dir> or " + PREFIX + "<dir> with a label column");
        }
        String[] dirs = root.contains(",") ? root.split(",", 2)
                : new String[] {new Path(root, FEATURES).toString(), new Path(root, LABELS).toString()};
        if (!root.contains(",") && !exists(dirs[0], conf) && !exists(dirs[1], conf)) {
            return files(root, conf).stream().map(f -> new SequenceFile(f.getPath().toString(), "")).toList();
        }
        List<FileStatus> features = files(dirs[0], conf);
        Set<String> labelled = new HashSet<>();
        files(dirs[1], conf).forEach(s -> labelled.add(s.getPath().getName()));
        List<SequenceFile> out = new ArrayList<>();
        for (FileStatus file : features) {
            String name = file.getPath().getName();
            Path labels = new Path(dirs[1], name);
            if (!labelled.contains(name)) {
                throw new BadDataException("features file " + file.getPath() + " has no labels file " + labels
                        + "; every sequence needs a labels file of the same name");
            }
            out.add(new SequenceFile(file.getPath().toString(), labels.toString()));
        }
        return out;
    }

    private static boolean exists(String dir, Configuration conf) {
        try {
            Path path = new Path(dir);
            return path.getFileSystem(conf).exists(path);
        } catch (IOException | IllegalArgumentException e) {
            throw DataFiles.listingFailed(dir, e);
        }
    }

    private static List<FileStatus> files(String dir, Configuration conf) {
        try {
            Path path = new Path(dir);
            FileSystem fs = path.getFileSystem(conf);
            List<FileStatus> visible = Arrays.stream(fs.listStatus(path))
                    .filter(s -> s.isFile() && DataFiles.visible(s.getPath().getName()))
                    .sorted(Comparator.comparing(s -> s.getPath().getName())).toList();
            if (visible.isEmpty()) {
                throw new BadDataException("no sequence files in " + dir);
            }
            return visible;
        } catch (IOException | IllegalArgumentException e) {
            throw DataFiles.listingFailed(dir, e);
        }
    }

    /** Reads the sequences of one partition; runs on an executor. */
    private static RawSequences read(Iterator<SequenceFile> files, Reading reading, Configuration conf) throws IOException {
        SequenceBuilder out = new SequenceBuilder();
        while (files.hasNext()) {
            SequenceFile file = files.next();
            SequenceFile.Lines rows = SequenceFile.lines(file.features(), reading.header(), conf);
            if (rows.size() == 0) {
                throw new BadDataException(file.features() + ": empty sequence: the file has no rows");
            }
            int columns = SequenceFile.fields(rows, 0, file.features(), reading.delimiter()).size();
            int label = reading.labelColumn() ? labelColumn(file.features(), columns, reading.column()) : -1;
            out.start(file.features(), label < 0 ? columns : columns - 1);
            for (int t = 0; t < rows.size(); t++) {
                List<String> fields = SequenceFile.fields(rows, t, file.features(), reading.delimiter());
                String where = rows.where(file.features(), t);
                int expected = label < 0 ? out.features() : out.features() + 1;
                if (fields.size() != expected) {
                    throw new BadDataException(where + ": " + fields.size() + " values, but the time steps have "
                            + expected + (label < 0 ? "" : " with the label"));
                }
                out.step(fields, label, where);
            }
            if (label < 0) {
                labels(file, rows.size(), reading, conf, out);
            }
            out.end(file.features(), label >= 0);
        }
        return out.build();
    }

    private static int labelColumn(String file, int columns, String column) {
        if (columns < 2) {
            throw new BadDataException(file + ": one column only; each row needs its features and its label column");
        }
        int index = DataConfig.AUTO.equals(column) ? columns - 1 : Integer.parseInt(column);
        if (index >= columns) {
            throw new BadDataException("--label-column " + index + " is outside the " + columns + " columns of " + file);
        }
        return index;
    }

    /**
     * The labels of a sequence of {@code steps} time steps from its labels file: one line, the
     * sequence's class, or one line per step, each step's class.
     */
    private static void labels(SequenceFile file, int steps, Reading reading, Configuration conf, SequenceBuilder out)
            throws IOException {
        SequenceFile.Lines lines = SequenceFile.lines(file.labels(), false, conf);
        if (lines.size() == 0) {
            throw new BadDataException(file.labels() + ": empty labels file; it must hold the sequence's class");
        }
        if (lines.size() != 1 && lines.size() != steps) {
            throw new BadDataException(file.labels() + ": " + lines.size() + " label lines, but its features file "
                    + file.features() + " has " + steps + " time steps; a labels file holds one line (the sequence's"
                    + " class) or one per time step");
        }
        for (int i = 0; i < lines.size(); i++) {
            List<String> fields = SequenceFile.fields(lines, i, file.labels(), reading.delimiter());
            if (fields.size() != 1) {
                throw new BadDataException(lines.where(file.labels(), i) + ": " + fields.size() + " values; a label is"
                        + " one value, a class");
            }
            out.label(fields.get(0).trim(), lines.where(file.labels(), i));
        }
    }

    /** Whether the partitions hold labels per time step, all alike. */
    private static boolean stepLabels(List<RawSequences.Summary> parts) {
        RawSequences.Summary perStep = null;
        RawSequences.Summary perSequence = null;
        for (RawSequences.Summary part : parts) {
            if (part.stepLabels()) {
                perStep = part;
            } else if (part.maxLength() > 1) {
                perSequence = part;
            }
        }
        if (perStep != null && perSequence != null) {
            throw new BadDataException(perStep.firstRecord() + "'s partition has a label per time step, but "
                    + perSequence.firstRecord() + "'s one per sequence; a data set has one or the other");
        }
        return perStep != null;
    }

    private static int features(String spec, List<RawSequences.Summary> parts) {
        RawSequences.Summary first = null;
        for (RawSequences.Summary part : parts) {
            if (part.sequences() == 0) {
                continue;
            }
            if (first == null) {
                first = part;
            } else if (part.features() != first.features()) {
                throw new BadDataException(part.firstRecord() + ": " + part.features() + " values per time step, but "
                        + first.firstRecord() + " has " + first.features());
            }
        }
        if (first == null) {
            throw new BadDataException("no sequences in " + spec);
        }
        return first.features();
    }

    /**
     * The padded length: the longest sequence's, or for data read for a trained model (whose
     * flattened input size is {@link DataConfig#numFeatures()}) the model's, which no sequence may exceed.
     */
    private static int steps(List<RawSequences.Summary> parts, int features, DataConfig config) {
        RawSequences.Summary longest = parts.stream().max(Comparator.comparingInt(RawSequences.Summary::maxLength)).orElseThrow();
        if (config.numFeatures() == 0) {
            return longest.maxLength();
        }
        if (config.numFeatures() % features != 0) {
            throw new BadDataException(longest.firstRecord() + ": " + features + " values per time step do not fit the"
                    + " model's input of " + config.numFeatures() + " values");
        }
        int steps = config.numFeatures() / features;
        if (longest.maxLength() > steps) {
            throw new BadDataException(longest.longest() + ": " + longest.maxLength() + " time steps, more than the "
                    + steps + " the model was built for; sequences are never truncated");
        }
        return steps;
    }
}
