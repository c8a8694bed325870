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
 * With {@code --task regression} the labels are real-valued targets instead: a labels line holds
 * one or more numbers (the sequence's, or its step's, such as the next value of a series), and in
 * the one-directory form the {@code --label-column} indices of each row are its step's targets.
 * For a model that decodes sequences ({@link DataConfig#targetSequences()}, {@code seq2seq}) a
 * labels file is the sequence's target sequence instead, one token (a class) per line and as many
 * lines as the target has, independent of the source's length (in the one-directory form, a row's
 * label column gives its target one token per source step): the targets are padded to the longest
 * one plus the {@link DataSchema#END_OF_SEQUENCE} token appended to each, under a labels mask of
 * their own, and the vocabulary is the classes of the tokens and that end.
 * <p>
 * The executors read the files (sorted by name) once; the driver gathers each partition's step
 * width, longest sequence and distinct labels, settles the classes and pads every sequence at the
 * end to the longest one's length (or to the length a trained model was built for), keeping each
 * one's real length for the masks. Nothing is truncated: a sequence longer than a model's length
 * is an error. Each of these stops the job with the file and line: a row of another width, a
 * value that is not a finite number, an empty sequence, a features file without a labels file, a
 * labels file of neither one line nor one per time step, a label outside the classes, a target
 * that is not a finite number, target rows of different widths.
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
     * @param labelColumn whether each row holds its step's label in a column (one directory)
     *                    rather than each sequence having a labels file
     * @param columns     those columns, by 0-based index, or {@value DataConfig#AUTO} for the last;
     *                    one for a class, one or more for regression targets
     * @param regression  whether labels are rows of real-valued targets rather than classes
     * @param targetSequences whether a labels file is a target sequence of its own length, a token per line
     */
    private record Reading(char delimiter, boolean header, boolean labelColumn, List<String> columns,
                           boolean regression, boolean targetSequences) implements java.io.Serializable {
    }

    /** Lists the files on the driver, then reads every sequence once on the executors into counted blocks. */
    public static TabularData open(String spec, DataConfig config, JavaSparkContext sc) {
        List<SequenceFile> files = list(spec, sc.hadoopConfiguration());
        boolean labelColumn = files.get(0).labels().isEmpty();
        List<String> columns = config.labelColumns();
        for (String column : columns) {
            if (labelColumn && !(DataConfig.AUTO.equals(column) && columns.size() == 1) && !column.matches("\\d+")) {
                throw new BadDataException("csvseq: takes --label-column as 0-based column indices, got '"
                        + config.labelColumn() + "'");
            }
        }
        Reading reading = new Reading(config.delimiter().charAt(0), config.header(), labelColumn, columns,
                config.regression(), config.targetSequences());
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
            if (config.regression()) {
                return regression(spec, raw, summaries, new Shape(features, steps, perStep), config);
            }
            if (config.targetSequences()) {
                return TargetSequences.of(spec, raw, summaries, new TargetSequences.Shape(features, steps), config);
            }
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

    /** The padded shape of a data set's sequences, and whether their labels are per time step. */
    private record Shape(int features, int steps, boolean perStep) implements java.io.Serializable {
    }

    /** The sequences of {@code raw} with their regression targets, as counted blocks. */
    private static TabularData regression(String spec, JavaRDD<RawSequences> raw, List<RawSequences.Summary> summaries,
                                          Shape shape, DataConfig config) {
        int width = targetWidth(spec, summaries);
        List<String> names = width == 1 ? List.of("y")
                : DataSchema.indexNames(width).stream().map(i -> "y" + i).toList();
        DataSchema schema = DataSchema.sequenceTargets(shape.features(), shape.steps(), names, shape.perStep());
        JavaRDD<SourceBlock> source = raw.mapPartitionsWithIndex((p, it) -> {
            List<SourceBlock> out = new ArrayList<>();
            it.forEachRemaining(b -> out.add(b.toRegressionSource(p, shape.features(), shape.steps(), shape.perStep(), width)));
            return out.iterator();
        }, true).setName("sparkdp examples of " + spec);
        return TabularData.of(spec, schema, ShardAssembler.count(source, config.maxBadFraction(), spec));
    }

    /** The targets per sequence or time step, alike in every partition. */
    private static int targetWidth(String spec, List<RawSequences.Summary> parts) {
        return agreed(parts, new Measure(RawSequences.Summary::targetWidth, RawSequences.Summary::firstTarget,
                " targets", "; every sequence has as many targets"), "no regression targets in " + spec);
    }

    /**
     * A count every partition that has one must agree on, with where it was read and what it counts.
     *
     * @param suffix what follows the count in a message, such as {@code " values per time step"}
     * @param advice what follows a disagreement's message
     */
    private record Measure(java.util.function.ToIntFunction<RawSequences.Summary> count,
                           java.util.function.Function<RawSequences.Summary, String> where, String suffix, String advice) {
    }

    /** {@code measure}'s count, alike in every partition where it is not 0; {@code none} is the error when all are 0. */
    private static int agreed(List<RawSequences.Summary> parts, Measure measure, String none) {
        RawSequences.Summary first = null;
        for (RawSequences.Summary part : parts) {
            int count = measure.count().applyAsInt(part);
            if (count == 0) {
                continue;
            }
            if (first == null) {
                first = part;
            } else if (count != measure.count().applyAsInt(first)) {
                throw new BadDataException(measure.where().apply(part) + ": " + count + measure.suffix() + ", but "
                        + measure.where().apply(first) + " has " + measure.count().applyAsInt(first) + measure.advice());
            }
        }
        if (first == null) {
            throw new BadDataException(none);
        }
        return measure.count().applyAsInt(first);
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

    /**
     * The features files of {@code spec}, sorted by name, as scoring reads them, without labels:
     * {@code <dir>/features} where {@code <dir>} has one (its {@code labels/} is not read), the
     * first of {@code <features dir>,<labels dir>}, or else the directory itself (or one file).
     */
    public static List<String> featureFiles(String spec, Configuration conf) {
        String root = spec.substring(PREFIX.length());
        if (root.isBlank()) {
            throw new BadDataException("no path in '" + spec + "': use " + PREFIX + "<dir with features/>, "
                    + PREFIX + "<features dir>,<labels dir> or " + PREFIX + "<dir of sequence files>");
        }
        String features = root.contains(",") ? root.split(",", 2)[0] : new Path(root, FEATURES).toString();
        String dir = root.contains(",") || exists(features, conf) ? features : root;
        return files(dir, conf).stream().map(f -> f.getPath().toString()).toList();
    }

    /**
     * One sequence as scoring reads it.
     *
     * @param values its rows' features one after another, step-major ({@code steps * features})
     * @param lines  each step's 1-based line in its file, as editors count (header and blank lines included)
     */
    public record Rows(float[] values, int[] lines) {
        /** The sequence's time steps. */
        public int steps() {
            return lines.length;
        }
    }

    /**
     * The one sequence in {@code file}, each row read as {@code layout} says (its skipped columns
     * left out), as scoring reads an unlabelled sequence; runs on an executor.
     *
     * @throws BadDataException naming the file and line: an empty sequence, a row of another width,
     *                          a value that is not a finite number
     * @throws IOException      if the file cannot be read
     */
    public static Rows readSteps(String file, CsvData.Layout layout, Configuration conf) throws IOException {
        SequenceFile.Lines rows = SequenceFile.lines(file, layout.header(), conf);
        if (rows.size() == 0) {
            throw new BadDataException(file + ": empty sequence: the file has no rows");
        }
        int width = layout.featureColumns();
        float[] values = new float[rows.size() * width];
        for (int t = 0; t < rows.size(); t++) {
            try {
                System.arraycopy(CsvData.features(rows.text().get(t), layout), 0, values, t * width, width);
            } catch (BadDataException e) {
                throw new BadDataException(rows.where(file, t) + ": " + e.getMessage());
            }
        }
        return new Rows(values, rows.numbers().stream().mapToInt(Integer::intValue).toArray());
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
        SequenceBuilder out = new SequenceBuilder(reading.targetSequences());
        while (files.hasNext()) {
            SequenceFile file = files.next();
            SequenceFile.Lines rows = SequenceFile.lines(file.features(), reading.header(), conf);
            if (rows.size() == 0) {
                throw new BadDataException(file.features() + ": empty sequence: the file has no rows");
            }
            int columns = SequenceFile.fields(rows, 0, file.features(), reading.delimiter()).size();
            int[] label = reading.labelColumn() ? labelColumns(file.features(), columns, reading) : new int[0];
            out.start(file.features(), columns - label.length);
            for (int t = 0; t < rows.size(); t++) {
                List<String> fields = SequenceFile.fields(rows, t, file.features(), reading.delimiter());
                String where = rows.where(file.features(), t);
                int expected = out.features() + label.length;
                if (fields.size() != expected) {
                    throw new BadDataException(where + ": " + fields.size() + " values, but the time steps have "
                            + expected + (label.length == 0 ? "" : " with the label"));
                }
                out.step(fields, label, reading.regression(), where);
            }
            if (label.length == 0) {
                labels(file, rows.size(), reading, conf, out);
            }
            out.end(file, label.length > 0);
        }
        return out.build();
    }

    /** The label columns of {@code file}'s rows of {@code columns} values, in the order given (the targets' order). */
    private static int[] labelColumns(String file, int columns, Reading reading) {
        int[] indices = new int[reading.columns().size()];
        for (int i = 0; i < indices.length; i++) {
            String column = reading.columns().get(i);
            indices[i] = DataConfig.AUTO.equals(column) ? columns - 1 : Integer.parseInt(column);
            if (indices[i] >= columns) {
                throw new BadDataException("--label-column " + indices[i] + " is outside the " + columns + " columns of " + file);
            }
        }
        indices = java.util.Arrays.stream(indices).distinct().toArray();
        if (columns <= indices.length) {
            throw new BadDataException(file + ": " + columns + " columns, all of them labels; each row needs its features"
                    + " and its label column");
        }
        return indices;
    }

    /**
     * The labels of a sequence of {@code steps} time steps from its labels file: one line, the
     * sequence's class (or regression targets), or one line per step, each step's.
     */
    private static void labels(SequenceFile file, int steps, Reading reading, Configuration conf, SequenceBuilder out)
            throws IOException {
        SequenceFile.Lines lines = SequenceFile.lines(file.labels(), false, conf);
        if (lines.size() == 0) {
            throw new BadDataException(file.labels() + ": empty labels file; it must hold the sequence's "
                    + (reading.regression() ? "targets" : reading.targetSequences() ? "target sequence, a token per line"
                    : "class"));
        }
        if (lines.size() != 1 && lines.size() != steps && !reading.targetSequences()) {
            throw new BadDataException(file.labels() + ": " + lines.size() + " label lines, but its features file "
                    + file.features() + " has " + steps + " time steps; a labels file holds one line (the sequence's"
                    + " class) or one per time step");
        }
        for (int i = 0; i < lines.size(); i++) {
            List<String> fields = SequenceFile.fields(lines, i, file.labels(), reading.delimiter());
            if (reading.regression()) {
                out.target(fields, lines.where(file.labels(), i));
                continue;
            }
            if (fields.size() != 1) {
                throw new BadDataException(lines.where(file.labels(), i) + ": " + fields.size() + " values; a label is"
                        + " one value, a " + (reading.targetSequences() ? "token (one per line)" : "class"));
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
        return agreed(parts, new Measure(RawSequences.Summary::features, RawSequences.Summary::firstRecord,
                " values per time step", ""), "no sequences in " + spec);
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
