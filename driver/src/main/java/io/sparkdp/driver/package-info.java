/**
 * The driver: {@link io.sparkdp.driver.TrainJob} runs the round loop (broadcast, aggregate,
 * update), validation and saving; {@link io.sparkdp.driver.EvaluateJob} measures a saved model.
 * Sub-packages hold the configuration records, the distribution strategies, model storage,
 * listeners, the command line and the only code that touches Spark's lifecycle.
 */
package io.sparkdp.driver;
