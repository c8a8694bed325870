package io.sparkdp.worker;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A weighted sum of flat vectors, allocated on the first {@link #add} so that an empty one costs
 * nothing to ship with a task, and written in bulk through {@link FlatVector}.
 */
public final class VectorSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient INDArray sum;

    public boolean isEmpty() {
        return sum == null;
    }

    /** Adds {@code weight * vector}; the vector is copied, never kept. */
    public void add(INDArray vector, double weight) {
        INDArray row = vector.reshape(1, vector.length());
        if (sum == null) {
            sum = weight == 1 ? row.dup() : row.mul(weight);
        } else {
            checkLength(row.length());
            sum.addi(weight == 1 ? row : row.mul(weight));
        }
    }

    /** Adds {@code other} in; takes ownership of its vector, so {@code other} must not be used again. */
    public void merge(VectorSum other) {
        if (other.sum == null) {
            return;
        }
        if (sum == null) {
            sum = other.sum;
        } else {
            checkLength(other.sum.length());
            sum.addi(other.sum);
        }
    }

    /**
     * The sum, a row vector.
     *
     * @throws IllegalStateException if nothing was added
     */
    public INDArray sum() {
        if (sum == null) {
            throw new IllegalStateException("no vectors were accumulated");
        }
        return sum;
    }

    private void checkLength(long length) {
        if (length != sum.length()) {
            throw new IllegalArgumentException("vector of length " + length + " cannot be added to one of length " + sum.length());
        }
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeObject(sum == null ? null : FlatVector.of(sum));
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        FlatVector vector = (FlatVector) in.readObject();
        sum = vector == null ? null : vector.toArray();
    }
}
