/**
 * Layers sparkdp defines itself because DL4J's {@code MultiLayerNetwork} has none, or because
 * DL4J 1.0.0-M2's do not run or differentiate correctly: a GRU written in SameDiff
 * ({@link io.sparkdp.models.layers.GruLayer}); the attention model's step embedding with learned
 * positions ({@link io.sparkdp.models.layers.SequenceEmbeddingLayer}) and DL4J's self-attention and
 * learned-query attention layers with correct graphs
 * ({@link io.sparkdp.models.layers.MultiHeadSelfAttentionLayer},
 * {@link io.sparkdp.models.layers.LearnedQueryAttentionLayer}); and the preprocessors that read flat
 * example rows as sequences and flatten short sequences back
 * ({@link io.sparkdp.models.layers.FlatSequencePreProcessor},
 * {@link io.sparkdp.models.layers.FlattenStepsPreProcessor}); and DL4J's capsule layers with
 * gradients that flow and a faster routing ({@link io.sparkdp.models.layers.RoutingCapsuleLayer}). Each is plain DL4J configuration, so
 * it survives JSON and {@code ModelSerializer}, and each SameDiff layer has a gradient check.
 */
package io.sparkdp.models.layers;
