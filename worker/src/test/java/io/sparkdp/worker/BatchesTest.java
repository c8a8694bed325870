package io.sparkdp.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sparkdp.data.Labels;
import io.sparkdp.data.Minibatch;
import io.sparkdp.data.Steps;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Minibatches of padded sequences become DL4J's recurrent arrays with their masks. */
class BatchesTest {
    /** Two sequences of 2 features by 3 steps, lengths 3 and 1, feature-major. */
    private static final float[] FEATURES = {1, 2, 3, 4, 5, 6, 7, 0, 0, 8, 0, 0};
    private static final Steps STEPS = new Steps(new int[] {3, 1}, 3);

    @Test
    void sequencesWithOneClassEachGetAFeaturesMaskOnly() {
        Minibatch batch = new Minibatch(FEATURES, new Labels.Classes(new int[] {1, 0}, 2), 6, STEPS);
        DataSet data = Batches.toDataSet(batch, DataType.DOUBLE);

        assertArrayEquals(new long[] {2, 2, 3}, data.getFeatures().shape());
        assertEquals(4.0, data.getFeatures().getDouble(0, 1, 0), "feature 1 of step 0");
        assertEquals(8.0, data.getFeatures().getDouble(1, 1, 0));
        assertArrayEquals(new double[][] {{1, 1, 1}, {1, 0, 0}}, data.getFeaturesMaskArray().toDoubleMatrix());
        assertArrayEquals(new long[] {2, 2}, data.getLabels().shape());
        assertNull(data.getLabelsMaskArray());
    }

    @Test
    void classesPerStepAreLabelledAtEveryStepUnderTheSameMaskAndEvaluatedAtRealStepsOnly() {
        int pad = Labels.StepClasses.PADDING;
        Labels labels = new Labels.StepClasses(new int[] {0, 1, 1, 1, pad, pad}, 2, 3);
        DataSet data = Batches.toDataSet(new Minibatch(FEATURES, labels, 6, STEPS), DataType.FLOAT);

        assertArrayEquals(new long[] {2, 2, 3}, data.getLabels().shape());
        assertEquals(1.0, data.getLabels().getDouble(0, 1, 2), "sequence 0, step 2 is class 1");
        assertEquals(0.0, data.getLabels().sum(1).getDouble(1, 1), "a padded step has no class");
        assertEquals(data.getFeaturesMaskArray(), data.getLabelsMaskArray());

        INDArray rows = EvaluationWorker.realSteps(data.getLabels(), data);
        assertArrayEquals(new double[][] {{1, 0}, {0, 1}, {0, 1}, {0, 1}}, rows.castTo(DataType.DOUBLE).toDoubleMatrix(),
                "one row per real step: three of sequence 0, one of sequence 1");
    }

    @Test
    void targetSequencesHaveStepsAndALabelsMaskOfTheirOwn() {
        int pad = Labels.StepClasses.PADDING;
        // Sources of 3 and 1 steps; targets of 1 token and of 4 (the last class ends each), padded to 5.
        Labels labels = new Labels.StepClasses(new int[] {0, 2, pad, pad, pad, 1, 1, 0, 1, 2}, 3, 5);
        DataSet data = Batches.toDataSet(new Minibatch(FEATURES, labels, 6, STEPS), DataType.DOUBLE);

        assertArrayEquals(new long[] {2, 3, 5}, data.getLabels().shape());
        assertArrayEquals(new double[][] {{1, 1, 1}, {1, 0, 0}}, data.getFeaturesMaskArray().toDoubleMatrix());
        assertArrayEquals(new double[][] {{1, 1, 0, 0, 0}, {1, 1, 1, 1, 1}}, data.getLabelsMaskArray().toDoubleMatrix());
        assertEquals(DataType.DOUBLE, data.getLabelsMaskArray().dataType());
        assertEquals(1.0, data.getLabels().getDouble(1, 2, 4), "sequence 1 ends at step 4");
        assertEquals(7, EvaluationWorker.realSteps(data.getLabels(), data).rows(), "the targets' real steps, ends included");
    }

    @Test
    void targetsPerStepAreRecurrentUnderTheSameMaskAndMeasuredAtRealStepsOnly() {
        // [example][target][step]: sequence 0 has targets (10, -1) (20, -2) (30, -3); sequence 1 (40, -4) then padding.
        Labels labels = new Labels.StepTargets(new float[] {10, 20, 30, -1, -2, -3, 40, 0, 0, -4, 0, 0}, 2, 3);
        DataSet data = Batches.toDataSet(new Minibatch(FEATURES, labels, 6, STEPS), DataType.FLOAT);

        assertArrayEquals(new long[] {2, 2, 3}, data.getLabels().shape());
        assertEquals(-3.0, data.getLabels().getDouble(0, 1, 2), "sequence 0, target 1 at step 2");
        assertEquals(data.getFeaturesMaskArray(), data.getLabelsMaskArray());

        RegressionAccumulator acc = RegressionAccumulator.empty(2, 4);
        INDArray predictions = data.getLabels().dup();
        predictions.putScalar(new long[] {1, 0, 2}, 1000);
        acc.add(EvaluationWorker.realSteps(data.getLabels(), data), EvaluationWorker.realSteps(predictions, data), 0);
        assertEquals(4, acc.examples(), "one example per real step");
        assertEquals(0.0, acc.metrics(0).meanSquaredError(), 1e-12, "a wrong prediction at a padded step counts for nothing");
        predictions.putScalar(new long[] {1, 0, 0}, 42);
        RegressionAccumulator real = RegressionAccumulator.empty(2, 4);
        real.add(EvaluationWorker.realSteps(data.getLabels(), data), EvaluationWorker.realSteps(predictions, data), 0);
        assertEquals(2.0 * 2.0 / 4, real.metrics(0).mse()[0], 1e-9, "an error of 2 at a real step counts");
    }
}
