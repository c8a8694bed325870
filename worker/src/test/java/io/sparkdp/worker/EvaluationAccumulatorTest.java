package io.sparkdp.worker;

import static io.sparkdp.worker.FlatVectorTest.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The accumulator against DL4J's own {@link Evaluation} and cross-entropy on the same predictions. */
class EvaluationAccumulatorTest {
    private static final int CLASSES = 10;
    private static final int EXAMPLES = 600;
    private static final EvaluationPlan SOFTMAX = new EvaluationPlan(CLASSES, 5, 100, true, true);

    /** One-hot labels, logits that favour the true class, and their softmax, in double precision. */
    private record Data(INDArray labels, INDArray logits, INDArray probabilities) {
        static Data random(long seed, int examples) {
            Random random = new Random(seed);
            double[] labels = new double[examples * CLASSES];
            double[] logits = new double[examples * CLASSES];
            for (int i = 0; i < examples; i++) {
                int label = random.nextInt(CLASSES);
                labels[i * CLASSES + label] = 1;
                for (int c = 0; c < CLASSES; c++) {
                    logits[i * CLASSES + c] = 2 * random.nextGaussian() + (c == label ? 2.5 : 0);
                }
            }
            INDArray y = Nd4j.create(labels, new long[]{examples, CLASSES}, DataType.DOUBLE);
            INDArray z = Nd4j.create(logits, new long[]{examples, CLASSES}, DataType.DOUBLE);
            return new Data(y, z, Transforms.softmax(z, true));
        }

        INDArray labels(int from, int to) {
            return labels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        }

        INDArray probabilities(int from, int to) {
            return probabilities.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        }
    }

    /** The data added in uneven slices to three accumulators, two of them through Java serialization, then merged. */
    private static ClassificationMetrics inPieces(Data data) throws Exception {
        int[] cuts = {0, 7, 250, 251, 430, EXAMPLES};
        EvaluationAccumulator[] parts = {EvaluationAccumulator.empty(SOFTMAX), EvaluationAccumulator.empty(SOFTMAX),
                EvaluationAccumulator.empty(SOFTMAX)};
        for (int i = 0; i + 1 < cuts.length; i++) {
            parts[i % 3].addScoredByLogLoss(data.labels(cuts[i], cuts[i + 1]), data.probabilities(cuts[i], cuts[i + 1]));
        }
        return roundTrip(EvaluationAccumulator.empty(SOFTMAX)).merge(roundTrip(parts[0])).merge(parts[1])
                .merge(roundTrip(parts[2])).merge(EvaluationAccumulator.empty(SOFTMAX)).metrics(0.25);
    }

    @Test
    void mergedPiecesGiveDl4jsCountsAccuracyTopKPrecisionRecallAndF1() throws Exception {
        Data data = Data.random(7, EXAMPLES);
        Evaluation dl4j = new Evaluation(null, 5);
        dl4j.eval(data.labels(), data.probabilities());
        ClassificationMetrics ours = inPieces(data);

        assertEquals(EXAMPLES, ours.examples());
        assertTrue(ours.accuracy() > 0.3 && ours.accuracy() < 0.9, "a test that can tell classes apart: " + ours.accuracy());
        for (int actual = 0; actual < CLASSES; actual++) {
            for (int predicted = 0; predicted < CLASSES; predicted++) {
                assertEquals(dl4j.getConfusionMatrix().getCount(actual, predicted), ours.confusion()[actual][predicted],
                        "confusion " + actual + "->" + predicted);
            }
            assertTrue(ours.predicted(actual) > 0 && ours.support(actual) > 0, "every class is predicted and present");
            assertEquals(dl4j.precision(actual), ours.precision(actual), 1e-12, "precision of " + actual);
            assertEquals(dl4j.recall(actual), ours.recall(actual), 1e-12, "recall of " + actual);
            assertEquals(dl4j.f1(actual), ours.f1(actual), 1e-12, "F1 of " + actual);
        }
        assertEquals(dl4j.accuracy(), ours.accuracy(), 1e-15);
        assertEquals(dl4j.getTopNCorrectCount(), Math.round(ours.topKAccuracy() * EXAMPLES));
        assertEquals(dl4j.topNAccuracy(), ours.topKAccuracy(), 1e-15);
        assertTrue(ours.topKAccuracy() > ours.accuracy());
        assertEquals(dl4j.precision(), ours.precision(), 1e-12);
        assertEquals(dl4j.recall(), ours.recall(), 1e-12);
        assertEquals(dl4j.f1(), ours.f1(), 1e-12);
    }

    @Test
    void logLossIsDl4jsCrossEntropyOfTheSoftmaxAndTheLossAddsThePenalty() throws Exception {
        Data data = Data.random(11, EXAMPLES);
        double dl4j = new LossMCXENT().computeScore(data.labels(), data.logits(), new ActivationSoftmax(), null, true);
        ClassificationMetrics ours = inPieces(data);

        assertEquals(dl4j, ours.logLoss(), 1e-12);
        assertEquals(dl4j + 0.25, ours.loss(), 1e-12, "the loss is the log loss plus the regularization penalty");
    }

    @Test
    void aLossMeasuredApartIsAveragedAndLogLossNeedsProbabilities() {
        Data data = Data.random(3, 40);
        EvaluationPlan scores = new EvaluationPlan(CLASSES, 3, 10, false, false);
        ClassificationMetrics metrics = EvaluationAccumulator.empty(scores)
                .add(data.labels(0, 15), data.logits.get(NDArrayIndex.interval(0, 15), NDArrayIndex.all()), 6.0)
                .add(data.labels(15, 40), data.logits.get(NDArrayIndex.interval(15, 40), NDArrayIndex.all()), 4.0)
                .metrics(0);
        assertEquals(10.0 / 40, metrics.loss(), 1e-15);
        assertTrue(Double.isNaN(metrics.logLoss()), "raw scores are no probabilities: " + metrics.logLoss());
        assertEquals(3, metrics.topK());
        assertThrows(IllegalStateException.class,
                () -> EvaluationAccumulator.empty(scores).addScoredByLogLoss(data.labels(0, 2), data.probabilities(0, 2)));
    }

    @Test
    void aClassNeverPredictedCountsAsZeroInTheMacroAveragesWhereDl4jLeavesItOut() {
        // three classes, class 2 present once and never predicted
        INDArray labels = Nd4j.create(new double[][]{{1, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 1, 0}, {0, 0, 1}});
        INDArray predictions = Nd4j.create(new double[][]{{.8, .1, .1}, {.3, .6, .1}, {.2, .7, .1}, {.1, .8, .1}, {.6, .3, .1}});
        ClassificationMetrics ours = EvaluationAccumulator.empty(new EvaluationPlan(3, 2, 5, true, true))
                .addScoredByLogLoss(labels, predictions).metrics(0);
        Evaluation dl4j = new Evaluation(3);
        dl4j.eval(labels, predictions);

        assertEquals(0.0, ours.precision(2));
        assertEquals(0.0, ours.recall(2));
        assertEquals(0.0, ours.f1(2));
        for (int c = 0; c < 3; c++) {
            assertEquals(dl4j.precision(c), ours.precision(c), 1e-15);
            assertEquals(dl4j.f1(c), ours.f1(c), 1e-15);
        }
        assertEquals((ours.precision(0) + ours.precision(1)) / 3, ours.precision(), 1e-15);
        assertEquals((ours.precision(0) + ours.precision(1)) / 2, dl4j.precision(), 1e-15, "DL4J averages the defined ones");
        assertEquals(0.6, ours.accuracy(), 1e-15);
        assertEquals(0.8, ours.topKAccuracy(), 1e-15, "class 2's 0.1 ties with class 1's in row 5, but 0.6 is higher");
    }

    @Test
    void anEmptyEvaluationHasNoAccuracyAndMergingAnotherPlanIsRefused() {
        ClassificationMetrics none = EvaluationAccumulator.empty(SOFTMAX).metrics(0);
        assertEquals(0, none.examples());
        assertTrue(Double.isNaN(none.accuracy()) && Double.isNaN(none.loss()) && Double.isNaN(none.logLoss()));
        EvaluationAccumulator other = EvaluationAccumulator.empty(new EvaluationPlan(CLASSES, 1, 100, true, true));
        assertThrows(IllegalArgumentException.class, () -> EvaluationAccumulator.empty(SOFTMAX).merge(other));
        assertThrows(IllegalArgumentException.class, () -> EvaluationAccumulator.empty(SOFTMAX)
                .addScoredByLogLoss(Nd4j.zeros(2, 3), Nd4j.zeros(2, 3)));
    }

    /** {@code [examples, 3 classes, steps]} one-hot of {@code classes[example][step]}. */
    private static INDArray steps(int[][] classes) {
        INDArray out = Nd4j.zeros(DataType.DOUBLE, classes.length, 3, classes[0].length);
        for (int i = 0; i < classes.length; i++) {
            for (int t = 0; t < classes[i].length; t++) {
                out.putScalar(new long[] {i, classes[i][t], t}, 1);
            }
        }
        return out;
    }

    @Test
    void aSequenceIsExactWhenEveryRealStepIsRightWhateverThePaddingPredicts() throws Exception {
        INDArray labels = steps(new int[][] {{0, 1, 2}, {2, 2, 0}, {1, 0, 0}});
        INDArray predictions = steps(new int[][] {{0, 1, 2}, {2, 1, 0}, {1, 2, 2}});
        INDArray mask = Nd4j.create(new double[][] {{1, 1, 1}, {1, 1, 1}, {1, 0, 0}});
        EvaluationPlan plan = new EvaluationPlan(3, 1, 10, true, true);
        EvaluationAccumulator first = EvaluationAccumulator.empty(plan).addSequences(labels, predictions, mask);
        EvaluationAccumulator second = EvaluationAccumulator.empty(plan).addSequences(labels, predictions, null);
        ClassificationMetrics merged = roundTrip(first).merge(second).metrics(0);

        assertEquals(6, merged.sequences());
        assertEquals(3.0 / 6, merged.sequenceAccuracy(), 1e-15, "masked: 2 of 3 exact (the third's one real step is"
                + " right); unmasked: 1 of 3");
        assertTrue(Double.isNaN(EvaluationAccumulator.empty(plan).metrics(0).sequenceAccuracy()), "no sequences, no figure");
        assertThrows(IllegalArgumentException.class, () -> EvaluationAccumulator.empty(plan)
                .addSequences(Nd4j.zeros(2, 3), Nd4j.zeros(2, 3), null));
    }

    @Test
    void aDecodedTargetSequenceIsExactOnlyWithTheTargetsTokensAndItsLength() {
        int end = 2; // the end of sequence, the last class; every target is the tokens 0, 1 then its end, then padding
        INDArray labels = steps(new int[][] {{0, 1, end, 0}, {0, 1, end, 0}, {0, 1, end, 0}, {0, 1, end, 0}});
        INDArray mask = Nd4j.create(new double[][] {{1, 1, 1, 0}, {1, 1, 1, 0}, {1, 1, 1, 0}, {1, 1, 1, 0}});
        INDArray decoded = steps(new int[][] {
            {0, 1, end, 1}, // the target, then whatever follows its end: right
            {0, end, end, end}, // stops a token early: wrong
            {0, 1, 1, end}, // runs on past the target's end: wrong
            {1, 1, end, end}}); // a wrong token: wrong
        ClassificationMetrics metrics = EvaluationAccumulator.empty(new EvaluationPlan(3, 1, 10, true, true))
                .addSequences(labels, decoded, mask).metrics(0);
        assertEquals(0.25, metrics.sequenceAccuracy(), 1e-15);
    }
}
