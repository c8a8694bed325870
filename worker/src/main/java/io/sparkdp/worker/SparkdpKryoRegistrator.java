package io.sparkdp.worker;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import io.sparkdp.data.BadRecords;
import io.sparkdp.data.ClassLabels;
import io.sparkdp.data.CsvData;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.HadoopConf;
import io.sparkdp.data.FeatureStats;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.ImageFolderData;
import io.sparkdp.data.LabelDictionary;
import io.sparkdp.data.Normalizer;
import io.sparkdp.data.RawBlock;
import io.sparkdp.data.ShardAssembler;
import io.sparkdp.data.ShardPlan;
import io.sparkdp.data.SourceBlock;
import io.sparkdp.data.TextSplit;
import io.sparkdp.models.InputShape;
import java.util.List;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Makes Kryo ({@code spark.serializer=org.apache.spark.serializer.KryoSerializer}) carry
 * sparkdp's wire objects through their own Java serialization. Kryo's default field walker
 * skips transient fields and custom {@code writeObject} methods, so an accumulator's
 * off-heap sum, a {@link java.util.BitSet}'s word count and a Hadoop configuration would
 * arrive empty, and it cannot set the final fields of a record on Java 17. These classes
 * already write their bulk data as primitive arrays, so Java serialization costs nothing here.
 * <p>
 * Listed after ND4J's own registrator in {@code spark.kryo.registrator}; sparkdp's driver adds
 * it whenever Kryo is chosen and it is missing.
 */
public final class SparkdpKryoRegistrator implements KryoRegistrator {
    /** Every class sparkdp sends as a broadcast, a task result or a cached block. */
    static final List<Class<?>> WIRE_CLASSES = List.of(HadoopConf.class, ExampleBlock.class, IdxSource.class,
            SourceBlock.class, BadRecords.class, ShardAssembler.Piece.class, ImageFolderData.ImageFile.class,
            ShardPlan.class, InputShape.class, FlatVector.class, VectorSum.class, ShardTally.class,
            GradientAccumulator.class, AveragingAccumulator.class, AveragingAccumulator.LocalResult.class,
            EvaluationAccumulator.class, RegressionAccumulator.class, PairRankingAccumulator.class, EvaluationPlan.class, ModelSnapshot.class, RoundTask.class, WorkerContext.class,
            TextSplit.class, CsvData.Layout.class, RawBlock.class, RawBlock.Summary.class, LabelDictionary.class,
            ClassLabels.class, FeatureStats.class, Normalizer.class);

    @Override
    public void registerClasses(Kryo kryo) {
        JavaSerializer java = new JavaSerializer();
        for (Class<?> type : WIRE_CLASSES) {
            kryo.register(type, java);
        }
        // Kryo's field serializer cannot build a record on Java 17; every other record a task sends
        // (a reader's partition summary, a tally of a shard) goes by Java serialization too.
        kryo.addDefaultSerializer(Record.class, java);
    }
}
