package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.DataSchema;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.InputData;
import io.sparkdp.data.InputFormats;
import io.sparkdp.data.Split;
import io.sparkdp.data.SplitRequest;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.models.network.Network;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The equivalence behind the sequence tests: a one-worker run through Spark ends with the
 * parameters of DL4J's own {@code fit} on the same masked minibatches (a network of either kind,
 * each fitting as {@link Network#fit} says), and training moved them.
 */
final class MaskedFitEquivalence {
    private MaskedFitEquivalence() {
    }

    /** Trains {@code config} through Spark and with DL4J's fit on the same batches; returns the data's schema. */
    static DataSchema assertEqualsDl4jFit(JavaSparkContext spark, TrainConfig config) {
        InputData data = InputFormats.open(config.data(), IdxSource.Part.TRAIN, config.input(), spark);
        DataSchema schema = data.schema();
        Split split = data.split(spark, new SplitRequest(config.limit(), 0, 1, config.seed()));
        ReferenceSetup setup = ReferenceSetup.of(config, split.plan(), split.train().collect(), schema, DataType.FLOAT);
        Network untrained = setup.network().copy();
        Network reference = SingleMachineReference.trainNetwork(config, setup, DataType.FLOAT);

        Network trained = new TrainJob(spark, config, List.of(), DataType.FLOAT).fit().model();

        double diff = ReferenceSetup.maxAbsDiff(reference.params(), trained.params());
        assertTrue(diff <= 1e-5, "parameters differ by " + diff);
        assertTrue(ReferenceSetup.maxAbsDiff(untrained.params(), trained.params()) > 1e-3, "training moved them");
        return schema;
    }
}
