package io.sparkdp.worker;

/** The parts a round's time is split into. */
public enum Phase {
    /** Reading the data and caching the shards on the executors, once per run. */
    LOAD,
    /** Serialising and broadcasting the parameters. */
    BROADCAST,
    /** Forward and backward passes on the workers (the slowest worker's time). */
    COMPUTE,
    /** The Spark job around the compute: scheduling, task start, shipping and merging results. */
    AGGREGATE,
    /** Applying the optimizer on the driver. */
    UPDATE,
    /** Validation after an epoch. */
    VALIDATE
}
