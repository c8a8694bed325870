package io.sparkdp.driver.score;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.Steps;
import io.sparkdp.worker.NativeArrays;
import io.sparkdp.worker.NetworkPool;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.Seq2SeqNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores one partition as a stream: it reads {@code batchSize} inputs, decodes them straight into
 * one reused minibatch buffer, runs one forward pass and hands out their rows before it reads
 * more, so a task holds one minibatch at a time however large its partition. The network comes from the JVM's {@link NetworkPool} (built
 * once per executor core and run, then reused) and gets the broadcast parameters once per task.
 * <p>
 * Sequences are padded to the model's length, normalised at their real steps and read under their
 * mask, as training reads them; a model that predicts per time step gives a row per real step.
 * <p>
 * An input that cannot be decoded gets a row with its error and no prediction; it never fails the task.
 */
final class ScoreWorker implements Iterator<InternalRow> {
    private final Iterator<ScoreInput> inputs;
    private final ScoreTask task;
    private final ArrayDeque<InternalRow> ready = new ArrayDeque<>();
    /** The task's minibatch, {@code batchSize x features} row-major, decoded into in place and reused. */
    private float[] batch;
    private String[] ids;
    /** Sequences only: the real steps of each sequence of the minibatch. */
    private int[] lengths;
    /** Models of a row per time step only: the minibatch's sequences, whose steps name the rows. */
    private ScoreInput[] held;
    /** The network's input for a full minibatch, reused: partitions are mostly full minibatches. */
    private INDArray fullBatch;
    private NetworkPool.Lease lease;

    private ScoreWorker(Iterator<ScoreInput> inputs, ScoreTask task) {
        this.inputs = inputs;
        this.task = task;
    }

    /** The rows of {@code inputs}, computed as they are consumed. */
    static Iterator<InternalRow> score(Iterator<ScoreInput> inputs, ScoreTask task) {
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
    public InternalRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void scoreNextBatch() {
        int size = task.batchSize();
        int width = task.model().features();
        if (batch == null) {
            batch = new float[size * width];
            ids = new String[size];
            lengths = new int[size];
            held = new ScoreInput[size];
        }
        int n = 0;
        while (n < size && inputs.hasNext()) {
            ScoreInput input = inputs.next();
            try {
                input.decodeInto(task.decoder(), batch, n * width);
                lengths[n] = input.steps();
                if (task.model().perStep()) {
                    held[n] = input;
                }
                ids[n++] = input.id();
            } catch (BadDataException e) {
                ready.add(task.rows().failed(input.id(), e.getMessage()));
                task.bad().add(1);
            }
        }
        if (n > 0) {
            double[] outputs;
            if (task.model().sequence()) {
                outputs = forwardSequences(n, width);
            } else {
                task.model().normalizer().apply(batch, n, width);
                outputs = forward(n, width);
            }
            if (task.model().perStep()) {
                addStepRows(n, outputs);
            } else {
                int perExample = task.rows().width();
                for (int i = 0; i < n; i++) {
                    ready.add(task.rows().scored(ids[i], outputs, i * perExample));
                }
            }
            task.scored().add(n);
            io.sparkdp.worker.FaultInjection.afterScoredBatch();
        }
    }

    /** The network's outputs (class probabilities or target values) of the first {@code n} examples of the batch buffer, row after row. */
    private double[] forward(int n, int width) {
        Network network = network();
        INDArray input;
        if (n == task.batchSize()) {
            if (fullBatch == null) {
                fullBatch = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, width}, 'c');
            }
            NativeArrays.copyInto(batch, fullBatch);
            input = fullBatch;
        } else {
            input = NativeArrays.create(Arrays.copyOf(batch, n * width), n, width); // a partition's last batch
        }
        DataType dataType = network.dataType();
        return NativeArrays.doubles(network.output(dataType == DataType.FLOAT ? input : input.castTo(dataType)));
    }

    /**
     * The outputs of the first {@code n} sequences of the batch buffer, normalised at their real
     * steps and read under their mask as training reads them: one row per sequence (a class's
     * probabilities or the targets), or a seq2seq model's greedily decoded steps.
     */
    private double[] forwardSequences(int n, int width) {
        int steps = task.model().steps();
        int features = width / steps;
        int[] real = Arrays.copyOf(lengths, n);
        task.model().normalizer().applySteps(batch, real, features, steps);
        Network network = network();
        DataType dataType = network.dataType();
        INDArray input = NativeArrays.create(Arrays.copyOf(batch, n * width), n, features, steps).castTo(dataType);
        INDArray mask = NativeArrays.create(new Steps(real, steps).mask(), n, steps).castTo(dataType);
        INDArray output = network instanceof Seq2SeqNetwork seq2seq ? seq2seq.decode(input, mask,
                task.model().schema().labelSteps()) : network.output(new DataSet(input, null, mask, null));
        // a model per step outputs [sequences, classes or targets, steps]; its rows read a step's outputs together
        return NativeArrays.doubles(task.model().perStep() ? output.permute(0, 2, 1).dup('c') : output);
    }

    /** The rows of a model per time step: one per real step of each of the first {@code n} sequences, named by its line. */
    private void addStepRows(int n, double[] outputs) {
        int width = task.rows().width();
        int steps = task.model().steps();
        for (int i = 0; i < n; i++) {
            ScoreInput.Sequence sequence = (ScoreInput.Sequence) held[i];
            for (int t = 0; t < sequence.steps(); t++) {
                ready.add(task.rows().scored(sequence.stepId(t), outputs, (i * steps + t) * width));
            }
            held[i] = null;
        }
    }

    private Network network() {
        if (lease == null) {
            lease = NetworkPool.borrow(task.worker());
            task.parameters().value().copyInto(lease.model().params());
            TaskContext context = TaskContext.get();
            if (context != null) {
                // A task that stops early (failure, a limit downstream) still returns the network.
                context.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) done -> release());
            }
        }
        return lease.model();
    }

    private void release() {
        if (lease != null) {
            lease.model().clear();
            lease.close();
            lease = null;
        }
    }
}
