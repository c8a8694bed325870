package io.sparkdp.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Which records of a data set each worker trains on, and which are held out for validation.
 * <p>
 * The first {@code records} records of the source are permuted with a seed; the first
 * {@code validationRecords} of that permutation are the validation set, the rest are dealt
 * into {@code shards} contiguous slices whose sizes differ by at most one. The plan is a few
 * numbers, so every executor recomputes its own slice instead of receiving a list of indices
 * inside each task.
 *
 * @param records           records used from the source, counted from its start
 * @param validationRecords records held out, fewer than {@code records}
 * @param shards            data-parallel workers, at least 1
 * @param seed              root seed of the run
 */
public record ShardPlan(int records, int validationRecords, int shards, long seed) implements Serializable {
    public ShardPlan {
        if (shards < 1) {
            throw new IllegalArgumentException("need at least one shard, got " + shards);
        }
        if (records < 1 || validationRecords < 0 || validationRecords >= records) {
            throw new IllegalArgumentException("cannot hold out " + validationRecords + " of " + records + " records");
        }
        if (records - validationRecords < shards) {
            throw new IllegalArgumentException((records - validationRecords) + " training records cannot feed "
                    + shards + " workers");
        }
    }

    /**
     * A plan over the first {@code min(available, limit)} records, holding out
     * {@code round(fraction * records)} of them.
     */
    public static ShardPlan of(int available, int limit, double validationFraction, int shards, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        int records = limit > 0 ? Math.min(available, limit) : available;
        return new ShardPlan(records, (int) Math.round(validationFraction * records), shards, seed);
    }

    /** Training records in all shards together. */
    public int trainRecords() {
        return records - validationRecords;
    }

    /** Record indices of one training shard, ascending so that a reader can stream the file once. */
    public int[] trainShard(int shard) {
        return slice(validationRecords, trainRecords(), shard);
    }

    /** Record indices of one part of the validation set, split the same way across workers. */
    public int[] validationShard(int shard) {
        return slice(0, validationRecords, shard);
    }

    /** Size of one training shard. */
    public int trainShardSize(int shard) {
        return bound(trainRecords(), shard + 1) - bound(trainRecords(), shard);
    }

    /**
     * Where each of the plan's records goes, in one pass instead of one slice per shard:
     * {@code s} for training shard {@code s}, {@code shards + s} for validation part {@code s}.
     * Agrees with {@link #trainShard} and {@link #validationShard}.
     */
    public int[] owners() {
        int[] permutation = Permutations.of(records, Seeds.derive(seed, Permutations.SPLIT_STREAM));
        int[] owner = new int[records];
        for (int s = 0; s < shards; s++) {
            for (int pos = bound(validationRecords, s); pos < bound(validationRecords, s + 1); pos++) {
                owner[permutation[pos]] = shards + s;
            }
            int from = validationRecords + bound(trainRecords(), s);
            int to = validationRecords + bound(trainRecords(), s + 1);
            for (int pos = from; pos < to; pos++) {
                owner[permutation[pos]] = s;
            }
        }
        return owner;
    }

    private int[] slice(int offset, int length, int shard) {
        if (shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " is outside 0.." + (shards - 1));
        }
        int[] permutation = Permutations.of(records, Seeds.derive(seed, Permutations.SPLIT_STREAM));
        int[] slice = Arrays.copyOfRange(permutation, offset + bound(length, shard), offset + bound(length, shard + 1));
        Arrays.sort(slice);
        return slice;
    }

    private int bound(int length, int shard) {
        return (int) ((long) length * shard / shards);
    }
}
