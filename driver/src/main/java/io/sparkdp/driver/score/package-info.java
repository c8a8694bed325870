/**
 * Batch scoring ({@code sparkdp score}): a saved model predicts every image of an
 * {@code images:} directory or an {@code idx:} file, or every row of {@code csv:} or
 * {@code parquet:} features ({@link TabularSource}), or every {@code csvseq:} sequence with a
 * sequence model ({@link SequenceSource}), on the executors, in minibatches; a classifier's rows
 * name its classes and top-k, a regression model's its target values, a seq2seq model's its
 * greedily decoded sequence. The
 * predictions are written through Spark's DataFrame writer as Parquet, CSV or JSON lines.
 * <p>
 * The driver loads and checks the model, broadcasts its configuration and parameters once, and
 * owns the run ({@link io.sparkdp.driver.spark.RunScope}); {@link ScoreWorker} scores one
 * partition as a stream; {@link ScoreRows} is the output schema.
 */
package io.sparkdp.driver.score;
