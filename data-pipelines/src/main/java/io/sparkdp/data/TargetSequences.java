package io.sparkdp.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * {@code csvseq:} sequences labelled with target sequences of their own length (sequence to
 * sequence), as {@link SequenceData} has read them: the driver settles the target vocabulary (the
 * tokens' classes, or a trained model's, then {@link DataSchema#END_OF_SEQUENCE}) and the longest
 * target (the data's, or the one a trained model was built for, which no target may exceed: targets
 * are never truncated), then every target is padded to that length and one more step for its end.
 */
final class TargetSequences {
    /** The padded shape of the sources. */
    record Shape(int features, int steps) implements java.io.Serializable {
    }

    private TargetSequences() {
    }

    /** The sequences of {@code raw} with their target sequences, as counted blocks. */
    static TabularData of(String spec, JavaRDD<RawSequences> raw, List<RawSequences.Summary> summaries, Shape shape,
                          DataConfig config) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(raw.context());
        int targetSteps = targetSteps(summaries, config);
        ClassLabels vocabulary = ClassLabels.resolve(summaries.stream().map(RawSequences.Summary::labels).toList(),
                config.withKnownClasses(vocabulary(config.knownClasses())));
        DataSchema schema = DataSchema.targetSequences(shape.features(), shape.steps(), vocabulary.names(), targetSteps);
        Broadcast<ClassLabels> remaps = sc.broadcast(vocabulary);
        int classes = schema.numClasses();
        int labelSteps = schema.labelSteps();
        JavaRDD<SourceBlock> source = raw.mapPartitionsWithIndex((p, it) -> {
            List<SourceBlock> out = new ArrayList<>();
            it.forEachRemaining(b -> out.add(b.toTargetSource(p, shape.features(), shape.steps(), labelSteps, classes,
                    remaps.value().remaps().get(p))));
            return out.iterator();
        }, true).setName("sparkdp examples of " + spec);
        return TabularData.of(spec, schema, ShardAssembler.count(source, config.maxBadFraction(), spec));
    }

    /** A trained model's classes without their end of sequence, the tokens its targets may hold. */
    private static List<String> vocabulary(List<String> known) {
        return !known.isEmpty() && DataSchema.END_OF_SEQUENCE.equals(known.get(known.size() - 1))
                ? known.subList(0, known.size() - 1) : known;
    }

    /** The longest target: the data's, or a trained model's ({@link DataConfig#targetSteps()}), which none may exceed. */
    private static int targetSteps(List<RawSequences.Summary> parts, DataConfig config) {
        RawSequences.Summary longest = parts.stream().max(Comparator.comparingInt(RawSequences.Summary::maxTarget)).orElseThrow();
        if (config.targetSteps() > 0 && longest.maxTarget() > config.targetSteps()) {
            throw new BadDataException(longest.longestTarget() + ": a target of " + longest.maxTarget() + " tokens, more than"
                    + " the " + config.targetSteps() + " the model was built for; targets are never truncated");
        }
        return config.targetSteps() > 0 ? config.targetSteps() : longest.maxTarget();
    }
}
