package io.sparkdp.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The real length of each example of a run of sequences padded at the end to {@code max} time
 * steps, from which the masks DL4J's recurrent layers honour are made; {@link #none()} for
 * examples that are not sequences. Immutable by convention: the array is never written after
 * construction.
 *
 * @param lengths each example's real time steps, in {@code [1, max]}; empty for {@link #none()}
 * @param max     time steps every example is padded to; 0 for {@link #none()}
 */
public record Steps(int[] lengths, int max) implements Serializable {
    private static final Steps NONE = new Steps(new int[0], 0);

    public Steps {
        if (max < 0 || (max == 0 && lengths.length > 0)) {
            throw new IllegalArgumentException("sequences of " + max + " steps");
        }
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 1 || lengths[i] > max) {
                throw new IllegalArgumentException("sequence " + i + " has " + lengths[i] + " steps, outside 1.." + max);
            }
        }
    }

    /** Examples that are not sequences. */
    public static Steps none() {
        return NONE;
    }

    /** Whether the examples are sequences (and need masks). */
    public boolean sequences() {
        return max > 0;
    }

    /** The lengths of {@code examples}, in that order. */
    public Steps select(int[] examples) {
        if (!sequences()) {
            return NONE;
        }
        int[] picked = new int[examples.length];
        for (int i = 0; i < examples.length; i++) {
            picked[i] = lengths[examples[i]];
        }
        return new Steps(picked, max);
    }

    /** {@code parts}, one after another; all of the same {@code max}. */
    public static Steps join(List<Steps> parts) {
        if (parts.isEmpty() || !parts.get(0).sequences()) {
            return NONE;
        }
        int max = parts.get(0).max;
        int[] all = new int[parts.stream().mapToInt(p -> p.lengths.length).sum()];
        int at = 0;
        for (Steps part : parts) {
            if (part.max != max) {
                throw new IllegalArgumentException("cannot join sequences of " + part.max + " and " + max + " steps");
            }
            System.arraycopy(part.lengths, 0, all, at, part.lengths.length);
            at += part.lengths.length;
        }
        return new Steps(all, max);
    }

    /** The mask, {@code lengths.length * max} values row-major: 1 for a real step, 0 for padding. */
    public float[] mask() {
        float[] mask = new float[lengths.length * max];
        for (int i = 0; i < lengths.length; i++) {
            Arrays.fill(mask, i * max, i * max + lengths[i], 1f);
        }
        return mask;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Steps s && max == s.max && Arrays.equals(lengths, s.lengths);
    }

    @Override
    public int hashCode() {
        return 31 * max + Arrays.hashCode(lengths);
    }

    @Override
    public String toString() {
        return sequences() ? "Steps[" + lengths.length + " sequences of at most " + max + "]" : "Steps[none]";
    }
}
