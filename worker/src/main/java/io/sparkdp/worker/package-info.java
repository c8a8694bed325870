/**
 * Executor-side work. {@link io.sparkdp.worker.NetworkPool} keeps the networks of a run alive in
 * the executor JVM between rounds; {@link io.sparkdp.worker.GradientWorker} and
 * {@link io.sparkdp.worker.EvaluationWorker} compute one shard's contribution; the
 * {@code *Accumulator} classes are the zero/add/merge values that {@code treeAggregate} combines,
 * and are testable without Spark.
 */
package io.sparkdp.worker;
