package io.sparkdp.data;

/**
 * How a run divides a data set among its workers.
 *
 * @param limit              records used from the start of the data, 0 for all
 * @param validationFraction fraction of those held out for validation, in [0, 1)
 * @param shards             data-parallel workers
 * @param seed               root seed of the run
 */
public record SplitRequest(int limit, double validationFraction, int shards, long seed) {
    /** The plan over a data set of {@code available} records. */
    public ShardPlan plan(int available) {
        return ShardPlan.of(available, limit, validationFraction, shards, seed);
    }
}
