/**
 * Layers sparkdp defines itself or repairs: a GRU written in SameDiff
 * ({@link io.sparkdp.models.layers.GruLayer}), the preprocessor that reads flat example rows as
 * sequences ({@link io.sparkdp.models.layers.FlatSequencePreProcessor}), and DL4J's capsule layers
 * with gradients that flow and a faster routing ({@link io.sparkdp.models.layers.RoutingCapsuleLayer}).
 * Each is plain DL4J configuration, so it survives JSON and {@code ModelSerializer}, and each has
 * a gradient check.
 */
package io.sparkdp.models.layers;
