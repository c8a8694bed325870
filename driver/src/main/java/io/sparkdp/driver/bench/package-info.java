/**
 * {@code sparkdp bench}: the same model, data, seed and epochs trained by single-process DL4J,
 * by DL4J's own Spark trainer ({@code ParameterAveragingTrainingMaster}) and by sparkdp's
 * strategies, in one process, with throughput and test accuracy compared as ratios within the run.
 */
package io.sparkdp.driver.bench;
