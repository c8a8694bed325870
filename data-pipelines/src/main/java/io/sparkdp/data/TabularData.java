package io.sparkdp.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * Labelled feature vectors ({@code csv:}, {@code libsvm:}, {@code parquet:}) read on the
 * executors into {@link RawBlock}s, one per input partition in a fixed order. Opening reads the
 * data once: the driver gathers only each partition's distinct labels and feature count,
 * settles the classes ({@link ClassLabels}), and the blocks, relabelled, are kept serialized
 * for {@link ShardAssembler}. Regression data ({@link DataConfig#regression()}) keeps its
 * targets as read and has no classes to settle. {@link SequenceData} hands its padded sequences
 * over in the same form. A bad record stops the job with a message naming its file and
 * record.
 */
public final class TabularData implements InputData {
    private final String spec;
    private final DataSchema schema;
    private final ShardAssembler.Counted counted;

    private TabularData(String spec, DataSchema schema, ShardAssembler.Counted counted) {
        this.spec = spec;
        this.schema = schema;
        this.counted = counted;
    }

    /** Records of {@code schema} already read and counted, such as {@code csvseq:}'s padded sequences. */
    static TabularData of(String spec, DataSchema schema, ShardAssembler.Counted counted) {
        return new TabularData(spec, schema, counted);
    }

    /**
     * Reads {@code raw} once and settles the schema.
     *
     * @param raw         the records, one block per partition, in input order; computed once here
     * @param targetNames for regression, the name of each target, as the schema records them
     */
    public static TabularData read(String spec, JavaRDD<RawBlock> raw, DataConfig config, List<String> targetNames) {
        raw.persist(StorageLevel.MEMORY_AND_DISK_SER()).setName("sparkdp records of " + spec);
        try {
            List<RawBlock.Summary> parts = collect(raw.map(RawBlock::summary));
            int features = featureSize(spec, parts, config);
            if (config.regression()) {
                DataSchema schema = DataSchema.regression(features, targetNames);
                int targets = targetNames.size();
                JavaRDD<SourceBlock> source = raw.mapPartitionsWithIndex((p, it) -> {
                    List<SourceBlock> out = new ArrayList<>();
                    it.forEachRemaining(b -> out.add(b.toSource(p, features, targets)));
                    return out.iterator();
                }, true).setName("sparkdp examples of " + spec);
                return new TabularData(spec, schema, ShardAssembler.count(source, config.maxBadFraction(), spec));
            }
            List<LabelDictionary> dictionaries = parts.stream().map(RawBlock.Summary::labels).toList();
            ClassLabels classes = ClassLabels.resolve(dictionaries, config);
            DataSchema schema = new DataSchema(1, 1, features, false, classes.names());
            Broadcast<ClassLabels> remaps = JavaSparkContext.fromSparkContext(raw.context()).broadcast(classes);
            int numClasses = classes.names().size();
            JavaRDD<SourceBlock> source = raw.mapPartitionsWithIndex((p, it) -> {
                List<SourceBlock> out = new ArrayList<>();
                it.forEachRemaining(b -> out.add(b.toSource(p, features, numClasses, remaps.value().remaps().get(p))));
                return out.iterator();
            }, true).setName("sparkdp examples of " + spec);
            return new TabularData(spec, schema, ShardAssembler.count(source, config.maxBadFraction(), spec));
        } finally {
            raw.unpersist(false);
        }
    }

    /** Runs the job, reporting a bad record by its own message rather than as a failed task. */
    static <T> List<T> collect(JavaRDD<T> rdd) {
        try {
            return rdd.collect();
        } catch (Exception e) { // SparkException is checked, yet thrown undeclared by Scala
            Optional<BadDataException> bad = RemoteBadData.find(e);
            if (bad.isPresent()) {
                throw bad.get();
            }
            throw e;
        }
    }

    private static int featureSize(String spec, List<RawBlock.Summary> parts, DataConfig config) {
        RawBlock.Summary first = null;
        for (RawBlock.Summary part : parts) {
            if (part.records() == 0) {
                continue;
            }
            if (first == null) {
                first = part;
            } else if (part.featureSize() != first.featureSize()) {
                throw new BadDataException(part.firstRecord() + ": " + part.featureSize() + " features, but "
                        + first.firstRecord() + " has " + first.featureSize());
            }
        }
        if (first == null) {
            throw new BadDataException("no records in " + spec);
        }
        return first.featureSize();
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public DataSchema schema() {
        return schema;
    }

    /** Records read. */
    public long records() {
        return counted.records();
    }

    @Override
    public Split split(JavaSparkContext sc, SplitRequest request) {
        return ShardAssembler.split(counted, request, schema);
    }

    @Override
    public JavaRDD<ExampleBlock> all(JavaSparkContext sc, int parts) {
        return counted.blocks();
    }
}
