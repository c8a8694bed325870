package io.sparkdp.worker;

import static io.sparkdp.worker.FlatVectorTest.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class EvaluationAccumulatorTest {
    private static final int CLASSES = 4;
    private static final int EXAMPLES = 60;

    /** One-hot labels and softmax-like predictions that are right about two times in three. */
    private static INDArray[] data(long seed) {
        Random random = new Random(seed);
        float[] labels = new float[EXAMPLES * CLASSES];
        float[] predictions = new float[EXAMPLES * CLASSES];
        for (int i = 0; i < EXAMPLES; i++) {
            int label = random.nextInt(CLASSES);
            int predicted = random.nextInt(3) < 2 ? label : random.nextInt(CLASSES);
            labels[i * CLASSES + label] = 1f;
            for (int c = 0; c < CLASSES; c++) {
                predictions[i * CLASSES + c] = c == predicted ? 0.7f : 0.1f;
            }
        }
        return new INDArray[]{
                Nd4j.create(labels, new long[]{EXAMPLES, CLASSES}, DataType.FLOAT),
                Nd4j.create(predictions, new long[]{EXAMPLES, CLASSES}, DataType.FLOAT)};
    }

    private static INDArray rows(INDArray array, int from, int to) {
        return array.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    private static void assertSameStatistics(Evaluation expected, Evaluation actual) {
        assertEquals(expected.accuracy(), actual.accuracy(), 1e-12);
        assertEquals(expected.getNumRowCounter(), actual.getNumRowCounter(), 0.0);
        assertEquals(expected.f1(), actual.f1(), 1e-12);
        for (int actualClass = 0; actualClass < CLASSES; actualClass++) {
            for (int predicted = 0; predicted < CLASSES; predicted++) {
                assertEquals(expected.getConfusionMatrix().getCount(actualClass, predicted),
                        actual.getConfusionMatrix().getCount(actualClass, predicted),
                        "confusion " + actualClass + "->" + predicted);
            }
        }
    }

    @Test
    void addAndMergeMatchOneEvaluationOverAllTheData() {
        INDArray[] data = data(7);
        Evaluation whole = new Evaluation(CLASSES);
        whole.eval(data[0], data[1]);

        EvaluationAccumulator first = EvaluationAccumulator.empty(CLASSES)
                .add(rows(data[0], 0, 25), rows(data[1], 0, 25), 10.0)
                .add(rows(data[0], 25, 40), rows(data[1], 25, 40), 5.0);
        EvaluationAccumulator second = EvaluationAccumulator.empty(CLASSES)
                .add(rows(data[0], 40, EXAMPLES), rows(data[1], 40, EXAMPLES), 3.0);
        EvaluationAccumulator merged = EvaluationAccumulator.empty(CLASSES).merge(first).merge(second)
                .merge(EvaluationAccumulator.empty(CLASSES));

        assertTrue(whole.accuracy() > 0.5 && whole.accuracy() < 1.0, "accuracy " + whole.accuracy());
        assertSameStatistics(whole, merged.evaluation());
        assertEquals(EXAMPLES, merged.examples());
        assertEquals(18.0 / EXAMPLES, merged.meanLoss(), 1e-12);
    }

    @Test
    void meanLossIsTheLossSumPerExample() {
        INDArray[] data = data(3);
        EvaluationAccumulator acc = EvaluationAccumulator.empty(CLASSES)
                .add(rows(data[0], 0, 10), rows(data[1], 0, 10), 4.0)
                .add(rows(data[0], 10, 15), rows(data[1], 10, 15), 2.0);

        assertEquals(15, acc.examples());
        assertEquals(6.0 / 15, acc.meanLoss(), 1e-12);
        assertTrue(Double.isNaN(EvaluationAccumulator.empty(CLASSES).meanLoss()));
        assertEquals(0, EvaluationAccumulator.empty(CLASSES).examples());
    }

    @Test
    void javaSerializationKeepsTheStatisticsMergeable() throws Exception {
        INDArray[] data = data(11);
        Evaluation whole = new Evaluation(CLASSES);
        whole.eval(data[0], data[1]);
        EvaluationAccumulator first = EvaluationAccumulator.empty(CLASSES)
                .add(rows(data[0], 0, 30), rows(data[1], 0, 30), 9.0);
        EvaluationAccumulator second = EvaluationAccumulator.empty(CLASSES)
                .add(rows(data[0], 30, EXAMPLES), rows(data[1], 30, EXAMPLES), 3.0);

        EvaluationAccumulator firstBack = roundTrip(first);
        assertSameStatistics(first.evaluation(), firstBack.evaluation());
        assertEquals(first.examples(), firstBack.examples());
        assertEquals(first.meanLoss(), firstBack.meanLoss(), 0.0);

        EvaluationAccumulator merged = roundTrip(EvaluationAccumulator.empty(CLASSES))
                .merge(firstBack).merge(roundTrip(second));
        assertSameStatistics(whole, merged.evaluation());
        assertEquals(EXAMPLES, merged.examples());
        assertEquals(12.0 / EXAMPLES, merged.meanLoss(), 1e-12);
    }
}
