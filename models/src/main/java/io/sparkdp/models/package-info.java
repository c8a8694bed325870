/**
 * Network architectures built by name. {@link io.sparkdp.models.ModelZoo} turns a
 * {@link io.sparkdp.models.ModelRequest} (input shape, classes, seed, optimizer) into a DL4J
 * configuration; nothing here knows about Spark or how training is distributed.
 */
package io.sparkdp.models;
