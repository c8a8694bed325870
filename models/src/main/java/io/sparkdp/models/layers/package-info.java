/**
 * Layers sparkdp defines itself because DL4J's {@code MultiLayerNetwork} has none: a GRU written
 * in SameDiff ({@link io.sparkdp.models.layers.GruLayer}) and the preprocessor that reads flat
 * example rows as sequences ({@link io.sparkdp.models.layers.FlatSequencePreProcessor}). Each is
 * plain DL4J configuration, so it survives JSON and {@code ModelSerializer}, and each has a
 * gradient check.
 */
package io.sparkdp.models.layers;
