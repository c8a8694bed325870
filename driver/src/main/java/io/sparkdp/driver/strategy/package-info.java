/**
 * How training is distributed. A {@link io.sparkdp.driver.strategy.TrainingStrategy} runs one
 * round over the cached shards and returns a sealed {@link io.sparkdp.driver.strategy.RoundOutcome};
 * what is trained (the network, the data) is the same for every strategy.
 */
package io.sparkdp.driver.strategy;
