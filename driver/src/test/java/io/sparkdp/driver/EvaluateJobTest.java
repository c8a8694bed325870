package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.worker.Batches;
import io.sparkdp.worker.ClassificationMetrics;
import io.sparkdp.worker.EvaluationPlan;
import io.sparkdp.worker.WorkerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Distributed evaluation of the 10,000 Fashion-MNIST test images against DL4J's own single-process
 * {@link Evaluation} and {@code score}, for a small L2-regularized network trained briefly.
 */
class EvaluateJobTest {
    private static final String FASHION = "idx:/usr/share/datasets/fashion-mnist";
    private static JavaSparkContext spark;
    private static MultiLayerNetwork network;
    private static DataSet test;
    @TempDir
    static Path dir;

    @BeforeAll
    static void trainAModel() {
        spark = SparkFixture.local(2);
        Configuration hadoop = spark.hadoopConfiguration();
        IdxDataset train = IdxDataset.open(IdxSource.resolve(FASHION, IdxSource.Part.TRAIN, hadoop), hadoop);
        network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(2e-3)).l2(1e-3).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(32).nOut(10).activation(Activation.SOFTMAX).build())
                .build());
        network.init();
        ExampleBlock block = train.readTrainShard(hadoop, train.wholePlan(30), 0);
        for (int from = 0; from < block.size(); from += 100) {
            network.fit(Batches.toDataSet(block.range(from, Math.min(from + 100, block.size())), network.getLayerWiseConfigurations().getDataType()));
        }
        new ModelStore(hadoop).save(network, dir.resolve("model.zip").toString());
        IdxDataset data = IdxDataset.open(IdxSource.resolve(FASHION, IdxSource.Part.TEST, hadoop), hadoop);
        List<DataSet> parts = new ArrayList<>();
        for (ExampleBlock b : data.allShards(spark, 2).collect()) {
            parts.add(Batches.toDataSet(b.range(0, b.size()), network.getLayerWiseConfigurations().getDataType()));
        }
        test = DataSet.merge(parts);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static EvaluateConfig config(String metricsJson) {
        return new EvaluateConfig(dir.resolve("model.zip").toString(), FASHION, 300, 3, 3, metricsJson,
                io.sparkdp.data.DataConfig.defaults());
    }

    @Test
    void theDistributedMetricsAreDl4jsOnTheWholeTestSetAndTheJsonFileHoldsThemAll() throws Exception {
        String json = dir.resolve("out/metrics.json").toString();
        ClassificationMetrics ours = new EvaluateJob(spark, config(json)).run().classification();
        Evaluation dl4j = new Evaluation(null, 3);
        dl4j.eval(test.getLabels(), network.output(test.getFeatures(), false));

        assertEquals(10_000, ours.examples());
        assertTrue(ours.accuracy() > 0.6, "briefly trained: " + ours.accuracy());
        for (int actual = 0; actual < 10; actual++) {
            assertTrue(ours.predicted(actual) > 0, "every class is predicted, so DL4J's macro averages count them all");
            for (int predicted = 0; predicted < 10; predicted++) {
                assertEquals(dl4j.getConfusionMatrix().getCount(actual, predicted), ours.confusion()[actual][predicted]);
            }
            assertEquals(dl4j.f1(actual), ours.f1(actual), 1e-9);
        }
        assertEquals(dl4j.accuracy(), ours.accuracy(), 1e-12);
        assertEquals(dl4j.getTopNCorrectCount(), Math.round(ours.topKAccuracy() * 10_000));
        assertEquals(dl4j.f1(), ours.f1(), 1e-9);
        assertEquals(dl4j.precision(), ours.precision(), 1e-9);
        assertEquals(dl4j.recall(), ours.recall(), 1e-9);
        double score = network.score(test, false);
        double penalty = network.calcRegularizationScore(true);
        assertTrue(penalty > 1e-3, "the network is regularized: " + penalty);
        assertEquals(score, ours.loss(), 1e-5, "one forward pass gives DL4J's score, penalty included");
        assertEquals(score - penalty, ours.logLoss(), 1e-5);

        JsonNode file = new ObjectMapper().readTree(Files.readString(Path.of(json)));
        assertEquals(dir.resolve("model.zip").toString(), file.get("model").asText());
        assertEquals(ours.accuracy(), file.get("accuracy").asDouble());
        assertEquals(3, file.get("top_k").asInt());
        assertEquals(10, file.get("per_class").get("f1").size());
        assertEquals(ours.f1(4), file.get("per_class").get("f1").get(4).asDouble());
        assertEquals(ours.confusion()[2][6], file.get("confusion").get(2).get(6).asLong());
    }

    @Test
    void theLossOfOneForwardPassEqualsTheLossOfASecondScoringPass() {
        IdxDataset data = IdxDataset.open(IdxSource.resolve(FASHION, IdxSource.Part.TEST, spark.hadoopConfiguration()),
                spark.hadoopConfiguration());
        JavaRDD<ExampleBlock> blocks = data.allShards(spark, 2);
        WorkerContext worker = new WorkerContext("evaluate-test", spark.broadcast(network.getLayerWiseConfigurations().toJson()));
        EvaluationPlan onePass = EvaluationPlan.of(network, 5, 500);
        assertTrue(onePass.lossIsLogLoss());
        ClassificationMetrics fromOutput = Evaluator.evaluate(spark, blocks, network, worker, onePass);
        ClassificationMetrics scored = Evaluator.evaluate(spark, blocks, network, worker, new EvaluationPlan(10, 5, 500, true, false));
        blocks.unpersist();

        assertEquals(scored.loss(), fromOutput.loss(), 1e-6 * scored.loss());
        assertEquals(scored.logLoss(), fromOutput.logLoss(), 0.0);
        assertEquals(scored.accuracy(), fromOutput.accuracy(), 0.0);
    }

    @Test
    void aMetricsFileThatCannotBeWrittenFailsBeforeTheEvaluation() throws Exception {
        Files.createDirectories(dir.resolve("taken"));
        var failure = assertThrows(ModelStore.StorageException.class,
                () -> new EvaluateJob(spark, config(dir.resolve("taken").toString())).run());
        assertTrue(failure.getMessage().contains("is a directory"), failure.getMessage());
    }
}
