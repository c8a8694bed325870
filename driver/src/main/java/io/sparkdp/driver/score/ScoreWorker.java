package io.sparkdp.driver.score;

import io.sparkdp.data.BadDataException;
import io.sparkdp.worker.NativeArrays;
import io.sparkdp.worker.NetworkPool;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores one partition as a stream: it reads {@code batchSize} inputs, decodes them, runs one
 * forward pass and hands out their rows before it reads more, so a task holds one minibatch at a
 * time however large its partition. The network comes from the JVM's {@link NetworkPool} (built
 * once per executor core and run, then reused) and gets the broadcast parameters once per task.
 * <p>
 * An input that cannot be decoded gets a row with its error and no prediction; it never fails the task.
 */
final class ScoreWorker implements Iterator<Row> {
    private final Iterator<ScoreInput> inputs;
    private final ScoreTask task;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    private NetworkPool.Lease lease;

    private ScoreWorker(Iterator<ScoreInput> inputs, ScoreTask task) {
        this.inputs = inputs;
        this.task = task;
    }

    /** The rows of {@code inputs}, computed as they are consumed. */
    static Iterator<Row> score(Iterator<ScoreInput> inputs, ScoreTask task) {
        return new ScoreWorker(inputs, task);
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && inputs.hasNext()) {
            scoreNextBatch();
        }
        if (ready.isEmpty()) {
            release();
        }
        return !ready.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void scoreNextBatch() {
        List<String> ids = new ArrayList<>(task.batchSize());
        List<float[]> features = new ArrayList<>(task.batchSize());
        while (ids.size() < task.batchSize() && inputs.hasNext()) {
            ScoreInput input = inputs.next();
            try {
                features.add(input.features(task.decoder()));
                ids.add(input.id());
            } catch (BadDataException e) {
                ready.add(ScoreRows.failed(input.id(), e.getMessage()));
                task.bad().add(1);
            }
        }
        if (!ids.isEmpty()) {
            double[][] probabilities = forward(features);
            for (int i = 0; i < ids.size(); i++) {
                ready.add(ScoreRows.scored(ids.get(i), probabilities[i], task.topK()));
            }
            task.scored().add(ids.size());
        }
    }

    private double[][] forward(List<float[]> features) {
        MultiLayerNetwork network = network();
        int width = features.get(0).length;
        float[] flat = new float[features.size() * width];
        for (int i = 0; i < features.size(); i++) {
            System.arraycopy(features.get(i), 0, flat, i * width, width);
        }
        INDArray input = NativeArrays.create(flat, features.size(), width);
        DataType dataType = network.getLayerWiseConfigurations().getDataType();
        INDArray output = network.output(dataType == DataType.FLOAT ? input : input.castTo(dataType), false);
        return output.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    private MultiLayerNetwork network() {
        if (lease == null) {
            lease = NetworkPool.borrow(task.worker());
            task.parameters().value().copyInto(lease.network().params());
            TaskContext context = TaskContext.get();
            if (context != null) {
                // A task that stops early (failure, a limit downstream) still returns the network.
                context.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) done -> release());
            }
        }
        return lease.network();
    }

    private void release() {
        if (lease != null) {
            lease.network().clear();
            lease.close();
            lease = null;
        }
    }
}
