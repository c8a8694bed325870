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
 * directory whose file of the same name holds the sequence's class on its one line. Named as
 * {@code csvseq:<dir>} holding {@code features/} and {@code labels/}, or
 * {@code csvseq:<features dir>,<labels dir>}.
 * <p>
 * The executors read the files (sorted by name) once; the driver gathers each partition's step
 * width, longest sequence and distinct labels, settles the classes and pads every sequence at the
 * end to the longest one's length (or to the length a trained model was built for), keeping each
 * one's real length for the masks. Nothing is truncated: a sequence longer than a model's length
 * is an error. Each of these stops the job with the file and line: a row of another width, a
 * value that is not a finite number, an empty sequence, a features file without a labels file, a
 * labels file of more than one label, a label outside the classes.
 */
public final class SequenceData {
    public static final String PREFIX = "csvseq:";
    /** The subdirectories of {@code csvseq:<dir>}. */
    public static final String FEATURES = "features";
    public static final String LABELS = "labels";

    private SequenceData() {
    }

    /** How the files are read, as the executors need it. */
    private record Reading(char delimiter, boolean header) implements java.io.Serializable {
    }

    /**
     * Lists the file pairs on the driver, then reads every sequence once on the executors into
     * counted blocks, as {@link TabularData} holds tabular records.
     */
    public static TabularData open(String spec, DataConfig config, JavaSparkContext sc) {
        if (config.regression()) {
            throw new BadDataException("--task regression is not supported for csvseq: data; its labels are classes");
        }
        List<SequenceFile> files = list(spec, sc.hadoopConfiguration());
        Broadcast<HadoopConf> shared = sc.broadcast(new HadoopConf(sc.hadoopConfiguration()));
        Reading reading = new Reading(config.delimiter().charAt(0), config.header());
        int parts = Math.max(1, Math.min(files.size(), 2 * sc.defaultParallelism()));
        JavaRDD<RawSequences> raw = sc.parallelize(files, parts)
                .mapPartitions(it -> List.of(read(it, reading, shared.value().get())).iterator(), true);
        raw.persist(StorageLevel.MEMORY_AND_DISK_SER()).setName("sparkdp sequences of " + spec);
        try {
            List<RawSequences.Summary> summaries = TabularData.collect(raw.map(RawSequences::summary));
            int features = features(spec, summaries);
            int steps = steps(summaries, features, config);
            ClassLabels classes = ClassLabels.resolve(summaries.stream().map(RawSequences.Summary::labels).toList(), config);
            DataSchema schema = DataSchema.sequences(features, steps, classes.names());
            Broadcast<ClassLabels> remaps = sc.broadcast(classes);
            int numClasses = classes.names().size();
            JavaRDD<SourceBlock> source = raw.mapPartitionsWithIndex((p, it) -> {
                List<SourceBlock> out = new ArrayList<>();
                it.forEachRemaining(b -> out.add(b.toSource(p, features, steps, numClasses, remaps.value().remaps().get(p))));
                return out.iterator();
            }, true).setName("sparkdp examples of " + spec);
            return TabularData.of(spec, schema, ShardAssembler.count(source, config.maxBadFraction(), spec));
        } finally {
            raw.unpersist(false);
        }
    }

    /** The features files, sorted by name, each with its labels file. */
    static List<SequenceFile> list(String spec, Configuration conf) {
        String root = spec.substring(PREFIX.length());
        if (root.isBlank()) {
            throw new BadDataException("no path in '" + spec + "': use " + PREFIX + "<dir with features/ and labels/>"
                    + " or " + PREFIX + "<features dir>,<labels dir>");
        }
        String[] dirs = root.contains(",") ? root.split(",", 2)
                : new String[] {new Path(root, FEATURES).toString(), new Path(root, LABELS).toString()};
        List<FileStatus> features = files(dirs[0], conf, root);
        Set<String> labelled = new HashSet<>();
        files(dirs[1], conf, root).forEach(s -> labelled.add(s.getPath().getName()));
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

    private static List<FileStatus> files(String dir, Configuration conf, String root) {
        try {
            Path path = new Path(dir);
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.exists(path) && !root.contains(",")) {
                throw new BadDataException("no " + path.getName() + "/ directory in " + root + ": csvseq: reads <dir>/"
                        + FEATURES + " and <dir>/" + LABELS + " (or " + PREFIX + "<features dir>,<labels dir>)");
            }
            FileStatus[] all = fs.listStatus(path);
            List<FileStatus> visible = Arrays.stream(all).filter(s -> s.isFile() && DataFiles.visible(s.getPath().getName()))
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
        List<float[]> sequences = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        LabelDictionary dictionary = new LabelDictionary();
        int features = 0;
        String first = "";
        String longest = "";
        int longestSteps = 0;
        while (files.hasNext()) {
            SequenceFile file = files.next();
            SequenceFile.Lines rows = SequenceFile.lines(file.features(), reading.header(), conf);
            if (rows.size() == 0) {
                throw new BadDataException(file.features() + ": empty sequence: the file has no rows");
            }
            if (first.isEmpty()) {
                first = file.features();
                features = SequenceFile.fields(rows, 0, file.features(), reading.delimiter()).size();
            }
            sequences.add(values(file.features(), rows, features, reading.delimiter()));
            codes.add(dictionary.code(label(file, rows.size(), reading, conf), () -> file.labels() + ":1"));
            if (rows.size() > longestSteps) {
                longestSteps = rows.size();
                longest = file.features();
            }
        }
        int[] lengths = new int[sequences.size()];
        float[] values = new float[sequences.stream().mapToInt(s -> s.length).sum()];
        int at = 0;
        for (int i = 0; i < lengths.length; i++) {
            float[] sequence = sequences.get(i);
            lengths[i] = sequence.length / features;
            System.arraycopy(sequence, 0, values, at, sequence.length);
            at += sequence.length;
        }
        return new RawSequences(features, values, lengths, codes.stream().mapToInt(Integer::intValue).toArray(),
                dictionary, first, longest);
    }

    /** The rows of one sequence, step-major; every row {@code features} finite values. */
    private static float[] values(String file, SequenceFile.Lines rows, int features, char delimiter) {
        float[] out = new float[Math.multiplyExact(rows.size(), features)];
        for (int t = 0; t < rows.size(); t++) {
            List<String> fields = SequenceFile.fields(rows, t, file, delimiter);
            String where = rows.where(file, t);
            if (fields.size() != features) {
                throw new BadDataException(where + ": " + fields.size() + " values, but the time steps have " + features);
            }
            for (int f = 0; f < features; f++) {
                out[t * features + f] = SequenceFile.value(fields.get(f), f, where);
            }
        }
        return out;
    }

    /** The one label of a sequence of {@code steps} time steps, from its labels file. */
    private static String label(SequenceFile file, int steps, Reading reading, Configuration conf) throws IOException {
        SequenceFile.Lines lines = SequenceFile.lines(file.labels(), false, conf);
        if (lines.size() == 0) {
            throw new BadDataException(file.labels() + ": empty labels file; it must hold the sequence's class");
        }
        if (lines.size() > 1) {
            String per = lines.size() == steps ? " (one per time step: per-step labels are not supported yet)"
                    : " but its features file " + file.features() + " has " + steps + " time steps";
            throw new BadDataException(lines.where(file.labels(), 1) + ": " + lines.size() + " label lines" + per
                    + "; a labels file holds one line, the sequence's class");
        }
        List<String> fields = SequenceFile.fields(lines, 0, file.labels(), reading.delimiter());
        if (fields.size() != 1) {
            throw new BadDataException(lines.where(file.labels(), 0) + ": " + fields.size() + " values; a sequence's"
                    + " label is one value, its class");
        }
        return fields.get(0).trim();
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
