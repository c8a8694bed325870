/**
 * Statistics leave the training loop through {@link io.sparkdp.driver.listen.TrainingListener}s:
 * per-round and per-epoch reports, printed by {@link io.sparkdp.driver.listen.ConsoleReporter}.
 */
package io.sparkdp.driver.listen;
