package io.sparkdp.models.network;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The pairs a Siamese network trains and is measured on, formed inside one minibatch of labelled
 * examples: example {@code i} is paired with {@code partner[i]}, of its own class where
 * {@code same[i]}, else of another. Every other example (which ones, the seed says) asks for a
 * same-class partner, so the pairs are balanced; a partner is drawn uniformly among the batch's
 * examples that fit. Where none fits (a class alone in the batch, or one class only) the example
 * takes the other kind, and a batch of one example is paired with itself.
 *
 * @param partner the index of each example's partner in the batch
 * @param same    whether each pair is of one class
 */
record Pairs(int[] partner, boolean[] same) {
    /** The pairs of examples of the given classes, drawn from {@code seed}. */
    static Pairs of(int[] classes, long seed) {
        int n = classes.length;
        SplittableRandom random = new SplittableRandom(seed);
        // The batch's indices sorted by class: each class is one run [start, start + size) of it.
        int[] order = IntStream.range(0, n).boxed().sorted((a, b) -> Integer.compare(classes[a], classes[b]))
                .mapToInt(Integer::intValue).toArray();
        int[] position = new int[n];
        for (int p = 0; p < n; p++) {
            position[order[p]] = p;
        }
        int[] partner = new int[n];
        boolean[] same = new boolean[n];
        int flip = random.nextInt(2);
        for (int i = 0; i < n; i++) {
            int start = position[i];
            while (start > 0 && classes[order[start - 1]] == classes[i]) {
                start--;
            }
            int size = 1;
            while (start + size < n && classes[order[start + size]] == classes[i]) {
                size++;
            }
            boolean wantSame = (i + flip) % 2 == 0;
            boolean canSame = size > 1;
            boolean canDiffer = n - size > 0;
            same[i] = wantSame ? canSame || !canDiffer : !canDiffer;
            if (same[i]) {
                partner[i] = canSame ? sameClass(order, start, size, position[i], random) : i;
            } else {
                int r = random.nextInt(n - size);
                partner[i] = order[r < start ? r : r + size];
            }
        }
        return new Pairs(partner, same);
    }

    /** A member of the run {@code [start, start + size)} of {@code order} other than the one at {@code self}. */
    private static int sameClass(int[] order, int start, int size, int self, SplittableRandom random) {
        int r = start + random.nextInt(size - 1);
        return order[r >= self ? r + 1 : r];
    }

    /** How many pairs are of one class. */
    int sameCount() {
        int count = 0;
        for (boolean s : same) {
            count += s ? 1 : 0;
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Pairs that && Arrays.equals(partner, that.partner) && Arrays.equals(same, that.same);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(partner) + Arrays.hashCode(same);
    }

    @Override
    public String toString() {
        return "Pairs" + Arrays.toString(partner) + Arrays.toString(same);
    }
}
