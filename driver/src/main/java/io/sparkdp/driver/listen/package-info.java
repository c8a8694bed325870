/**
 * Statistics leave the training loop through {@link io.sparkdp.driver.listen.TrainingListener}s:
 * per-round and per-epoch reports, shown by {@link io.sparkdp.driver.listen.ConsoleReporter} (a
 * progress bar on a terminal, plain lines elsewhere) and appended to {@code metrics.jsonl} by
 * {@link io.sparkdp.driver.listen.MetricsWriter}.
 */
package io.sparkdp.driver.listen;
