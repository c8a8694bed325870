/**
 * Checkpoints of a training run on any Hadoop FileSystem: what one holds ({@link
 * io.sparkdp.driver.checkpoint.TrainingState}, {@link io.sparkdp.driver.checkpoint.Provenance}),
 * how it is written atomically and verified ({@link io.sparkdp.driver.checkpoint.CheckpointStore}),
 * and when a run writes and resumes them ({@link io.sparkdp.driver.checkpoint.Checkpointing}).
 */
package io.sparkdp.driver.checkpoint;
