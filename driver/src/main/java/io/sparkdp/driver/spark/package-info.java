/**
 * The only code that manages Spark's lifecycle: creating the context for the command line and
 * owning a run's job group (describe, cancel on failure, release in {@code finally}).
 */
package io.sparkdp.driver.spark;
