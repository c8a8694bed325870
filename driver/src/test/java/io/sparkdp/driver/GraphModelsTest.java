package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.DataConfig;
import io.sparkdp.driver.checkpoint.CheckpointStore;
import io.sparkdp.driver.config.CheckpointInterval;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.listen.EpochReport;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.models.network.GraphNetwork;
import io.sparkdp.models.network.LayeredNetwork;
import io.sparkdp.models.network.Network;
import io.sparkdp.worker.ClassificationMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Graph models end to end on real Fashion-MNIST through {@code local[2]}: the zoo's resnet learns,
 * validates, saves, loads and evaluates; any DL4J configuration given as a JSON file trains,
 * checkpoints and resumes, and one that does not fit the data is refused in one line.
 */
class GraphModelsTest {
    private static final String FASHION = "idx:/usr/share/datasets/fashion-mnist";
    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkFixture.local(2);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private TrainConfig.Builder config(String model) {
        return TrainConfig.builder().data(FASHION).model(model).epochs(1).batchSize(64).workers(2).limit(600)
                .validationSplit(0).seed(9L).output(dir.resolve("model.zip").toString()).overwrite(true);
    }

    @Test
    void resnetLearnsFashionMnistValidatesAndSavesAndLoadsAsAGraph() {
        TrainConfig config = config("resnet").recipe(RecipeConfig.defaults().withModelArgs(Map.of("filters", "8,16", "stride", "2")))
                .limit(4000).validationSplit(0.1).epochs(2).learningRate(5e-3).build();
        TrainResult result = new TrainJob(spark, config, List.of(), DataType.FLOAT).fit();
        List<EpochReport> epochs = result.epochs();

        assertTrue(epochs.get(1).trainLoss() < epochs.get(0).trainLoss(), "loss falls: " + epochs);
        assertTrue(epochs.get(1).validationAccuracy() > 0.55, "measured 0.6325; validation accuracy " + epochs.get(1).validationAccuracy());
        ModelStore.StoredModel stored = new ModelStore(spark.hadoopConfiguration()).loadStored(result.output());
        assertInstanceOf(GraphNetwork.class, stored.model());
        TestNetworks.assertSameTraining(result.model(), stored.model(), 0);
        assertEquals(result.model().configuration().toJson(), stored.model().configuration().toJson());
        assertEquals(10, stored.metadata().orElseThrow().classNames().size(), "sparkdp-model.json is in the zip");
    }

    private String write(String name, String json) throws Exception {
        return Files.writeString(dir.resolve(name), json).toString();
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(4).updater(new Adam(3e-3));
    }

    private static String denseGraph(int classes) {
        return base().graphBuilder().addInputs("pixels").setInputTypes(InputType.feedForward(784))
                .addLayer("hidden", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(), "pixels")
                .addLayer("scores", new OutputLayer.Builder(LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX)
                        .build(), "hidden")
                .setOutputs("scores").build().toJson();
    }

    /**
     * Inputs "top" and "bottom", each a half of the picture (392 pixels), read by their own dense
     * layers and merged; two heads of the 10 classes: "main" over both halves, "aux" over the top alone.
     */
    private static String twoHalvesTwoHeads() {
        return base().graphBuilder().addInputs("top", "bottom")
                .setInputTypes(InputType.feedForward(392), InputType.feedForward(392))
                .addLayer("top_dense", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(), "top")
                .addLayer("bottom_dense", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(), "bottom")
                .addVertex("merge", new MergeVertex(), "top_dense", "bottom_dense")
                .addLayer("main", new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build(), "merge")
                .addLayer("aux", new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build(), "top_dense")
                .setOutputs("main", "aux").build().toJson();
    }

    @Test
    void aGraphOfTwoInputsAndTwoOutputsTrainsLikeOneMachineAndLearnsFashionMnist() throws Exception {
        String json = write("halves.json", twoHalvesTwoHeads());
        TrainConfig one = config(json).workers(1).limit(256).batchSize(32).epochs(2).build();
        Network reference = SingleMachineReference.trainNetwork(one, DataType.FLOAT);
        Network distributed = new TrainJob(spark, one, List.of(), DataType.FLOAT).fit().model();
        TestNetworks.assertSameTraining(reference, distributed, 1e-6);

        TrainResult result = new TrainJob(spark, config(json).limit(3000).epochs(2).strategy("average").averageEvery(4).build(),
                List.of(), DataType.FLOAT).fit();
        ClassificationMetrics test = new EvaluateJob(spark, new EvaluateConfig(result.output(), FASHION, 500, 2, 5, "",
                DataConfig.defaults())).run().classification();

        assertInstanceOf(GraphNetwork.class, result.model());
        assertEquals(10_000, test.examples());
        assertTrue(test.accuracy() > 0.7, "the main head classifies the test images: accuracy " + test.accuracy());
    }

    @Test
    void aGraphConfigurationFileTrainsCheckpointsAndResumesExactly() throws Exception {
        String json = write("graph.json", denseGraph(10));
        RecoveryConfig recovery = RecoveryConfig.defaults().withCheckpointDir(dir.resolve("ck").toString())
                .withCheckpointEvery(CheckpointInterval.epochs(1));
        TrainConfig twoEpochs = config(json).epochs(2).strategy("average").averageEvery(2).build();
        TrainResult straight = new TrainJob(spark, twoEpochs, List.of(), DataType.FLOAT).fit();
        new TrainJob(spark, twoEpochs.toBuilder().epochs(1).recovery(recovery).build(), List.of(), DataType.FLOAT).fit();
        CheckpointStore checkpoints = new CheckpointStore(spark.hadoopConfiguration(), recovery.checkpointDir());
        assertEquals(json, checkpoints.load(checkpoints.latest().orElseThrow()).state().config().model(),
                "the checkpoint records the configuration file");
        TrainResult resumed = new TrainJob(spark, twoEpochs.toBuilder()
                .recovery(recovery.withResume(RecoveryConfig.Resume.REQUIRED)).build(), List.of(), DataType.FLOAT).fit();

        assertInstanceOf(GraphNetwork.class, resumed.model());
        TestNetworks.assertSameTraining(straight.model(), resumed.model(), 1e-6);
        assertTrue(straight.epochs().get(1).trainLoss() < straight.epochs().get(0).trainLoss(), "loss falls");

        ClassificationMetrics test = new EvaluateJob(spark, new EvaluateConfig(resumed.output(), FASHION, 500, 2, 5, "",
                DataConfig.defaults())).run().classification();
        assertEquals(10_000, test.examples());
        assertTrue(test.accuracy() > 0.6, "the saved graph evaluates on the test set: accuracy " + test.accuracy());
    }

    @Test
    void aMultiLayerConfigurationFileTrainsToo() throws Exception {
        String json = write("mlp.json", base().list()
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1)).build().toJson());
        TrainResult result = new TrainJob(spark, config(json).validationSplit(0.2).build(), List.of(), DataType.FLOAT).fit();

        assertInstanceOf(LayeredNetwork.class, result.model());
        assertTrue(result.epochs().get(0).validationAccuracy() > 0.3, "learned: " + result.epochs().get(0));
    }

    private String failure(String json) throws Exception {
        String file = write("bad.json", json);
        return assertThrows(RuntimeException.class,
                () -> new TrainJob(spark, config(file).build(), List.of(), DataType.FLOAT).fit()).getMessage();
    }

    @Test
    void aConfigurationThatDoesNotFitTheDataIsRefusedInOneLine() throws Exception {
        String wrongInput = base().graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(100))
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("out").build().toJson();
        assertEquals("model configuration " + dir.resolve("bad.json") + " reads 100 values per example, but the data has"
                + " 1x28x28 = 784", failure(wrongInput));
        assertTrue(failure(denseGraph(3)).endsWith("predicts 3 classes, but the data has 10"));
        assertTrue(failure("{\"layers\": []}").contains("neither a DL4J MultiLayerConfiguration"));
        assertTrue(failure("not json").startsWith("model configuration " + dir.resolve("bad.json") + ": not JSON: "));
        String unknownWidth = base().graphBuilder().addInputs("a", "b").addVertex("merge", new MergeVertex(), "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(784).nOut(10).activation(Activation.SOFTMAX).build(), "merge")
                .setOutputs("out").build().toJson();
        assertEquals("model configuration " + dir.resolve("bad.json") + ": the graph's input 'a' does not feed exactly one layer"
                + " of a known input width (nIn, or setInputTypes); sparkdp cuts each of several inputs' columns from the"
                + " features, so it must know how many each reads", failure(unknownWidth));
        String missing = dir.resolve("missing.json").toString();
        assertEquals("model configuration not found: " + missing, assertThrows(ModelStore.StorageException.class,
                () -> new TrainJob(spark, config(missing).build(), List.of(), DataType.FLOAT).fit()).getMessage());
        var withArgs = assertThrows(IllegalArgumentException.class,
                () -> config("net.json").recipe(RecipeConfig.defaults().withModelArgs(Map.of("hidden", "8"))).build());
        assertTrue(withArgs.getMessage().contains("brings its own layers"), withArgs.getMessage());
    }
}
