package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.ShardPlan;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelOptions;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import io.sparkdp.worker.Batches;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;

/**
 * Every zoo model, and every loss, learns on real Fashion-MNIST: 2,000 training images, one
 * machine, a few dozen Adam steps; its loss falls and its accuracy on 1,000 other images clears
 * a floor well above chance (0.10). The floors are below what the models reach here, so they
 * catch a model that does not learn, not a small drift.
 */
class ModelZooLearningTest {
    private static final InputShape SHAPE = new InputShape(1, 28, 28);
    private static final int TRAIN = 2000;
    private static final int BATCH = 50;
    private static ExampleBlock block;
    private static List<DataSet> batches;
    private static DataSet test;

    @BeforeAll
    static void readFashionMnist() {
        Configuration hadoop = new Configuration();
        IdxDataset data = IdxDataset.open(IdxSource.resolve("idx:/usr/share/datasets/fashion-mnist", IdxSource.Part.TRAIN,
                hadoop), hadoop);
        block = data.readTrainShard(hadoop, ShardPlan.of(data.records(), TRAIN + 1000, 0, 1, 5L), 0);
        batches = new ArrayList<>();
        for (int from = 0; from < TRAIN; from += BATCH) {
            batches.add(Batches.toDataSet(block.range(from, from + BATCH), DataType.FLOAT));
        }
        test = Batches.toDataSet(block.range(TRAIN, TRAIN + 1000), DataType.FLOAT);
    }

    /** Trains {@code epochs} passes and checks the loss falls by {@code factor} and the test accuracy clears {@code floor}. */
    private static void learns(String model, ModelOptions options, int epochs, double factor, double floor) {
        ModelRequest request = ModelRequest.of(SHAPE, 10, 3L, OptimizerConfig.defaults()).with(options);
        MultiLayerNetwork network = ModelZoo.build(model, request);
        double before = network.score(test, false);
        for (int epoch = 0; epoch < epochs; epoch++) {
            batches.forEach(network::fit);
        }
        double after = network.score(test, false);
        Evaluation evaluation = network.evaluate(new SingletonDataSetIterator(test));
        String what = model + " " + options + ": loss " + before + " -> " + after + ", accuracy " + evaluation.accuracy();
        assertTrue(after < factor * before, what);
        assertTrue(evaluation.accuracy() >= floor, what);
    }

    private static ModelOptions args(Map<String, String> args) {
        return new ModelOptions(args, "auto", "auto", 0, 0);
    }

    @ParameterizedTest
    @CsvSource({"perceptron, 2, 0.55", "logistic, 2, 0.55", "softmax, 2, 0.6", "lenet, 1, 0.6"})
    void eachSmallModelLearnsFashionMnist(String model, int epochs, double floor) {
        learns(model, ModelOptions.defaults(), epochs, 0.7, floor);
    }

    @Test
    void mlpOfThreeLayersWithDropoutAndLeakyReluLearns() {
        learns("mlp", args(Map.of("hidden", "128,64,32", "activation", "leakyrelu", "dropout", "0.2")), 1, 0.7, 0.55);
    }

    @Test
    void cnnWithNarrowBlocksLearns() {
        learns("cnn", args(Map.of("filters", "8,16", "dense", "64")), 1, 0.7, 0.6);
    }

    @ParameterizedTest
    @CsvSource({"mse", "mae", "binary-crossentropy", "hinge"})
    void everyLossTrainsTheMlp(String loss) {
        learns("mlp", new ModelOptions(Map.of("hidden", "64"), loss, "xavier", 0, 0), 1, 0.9, 0.55);
    }

    @Test
    void vgg16TrainsAtASmallInput() {
        // The architecture on 28x28 images (1x1 after its fifth pooling), narrow dense layers: a few steps
        // on eight images show that the 13 convolutions pass gradients (a step costs about a second here).
        MultiLayerNetwork vgg = ModelZoo.build("vgg16", ModelRequest.of(SHAPE, 10, 3L, new OptimizerConfig("adam", 1e-4))
                .with(args(Map.of("dense", "64,64", "dropout", "0"))));
        DataSet batch = Batches.toDataSet(block.range(0, 8), DataType.FLOAT);
        double before = vgg.score(batch, false);
        for (int step = 0; step < 4; step++) {
            vgg.fit(batch);
        }
        double after = vgg.score(batch, false);
        assertTrue(after < 0.8 * before, "vgg16 loss " + before + " -> " + after);
    }

    @Test
    void l2ShrinksTheWeightsAndDropoutMakesTrainingStochastic() {
        ModelOptions plain = args(Map.of("hidden", "64"));
        ModelOptions penalised = new ModelOptions(Map.of("hidden", "64"), "auto", "auto", 0, 0.05);
        double free = trainedWeightNorm(plain);
        double shrunk = trainedWeightNorm(penalised);
        assertTrue(shrunk < 0.9 * free, "L2 left a weight norm of " + shrunk + " against " + free + " without");

        MultiLayerNetwork dropout = ModelZoo.build("mlp", ModelRequest.of(SHAPE, 10, 3L, OptimizerConfig.defaults())
                .with(args(Map.of("hidden", "64", "dropout", "0.5"))));
        var features = test.getFeatures();
        assertNotEquals(dropout.output(features, true), dropout.output(features, true), "training passes drop units");
        assertTrue(dropout.output(features, false).equalsWithEps(dropout.output(features, false), 0), "inference does not");
    }

    private static double trainedWeightNorm(ModelOptions options) {
        MultiLayerNetwork network = ModelZoo.build("mlp", ModelRequest.of(SHAPE, 10, 3L, OptimizerConfig.defaults()).with(options));
        batches.forEach(network::fit);
        return network.getParam("0_W").norm2Number().doubleValue();
    }
}
