/**
 * The one network abstraction sparkdp trains: a sealed {@link io.sparkdp.models.network.Network}
 * over DL4J's {@code MultiLayerNetwork} and {@code ComputationGraph}, exposing what workers,
 * strategies and checkpoints need (flat parameters, optimizer state, a gradient on a minibatch,
 * a step of {@code fit}, output, configuration JSON, counters), so no caller branches on the type.
 * {@link io.sparkdp.models.network.Transfer} adapts a trained network for transfer learning;
 * {@code VariationalTraining} is how a network of one DL4J variational-autoencoder layer takes its
 * pretraining gradient and step through the same abstraction; {@link io.sparkdp.models.network.Seq2SeqNetwork}
 * is an encoder-decoder graph that makes its decoder input from the labels (teacher forcing) and
 * predicts by greedy decoding ({@code GreedyDecoder}); and
 * {@link io.sparkdp.models.network.SiameseNetwork} is a two-input graph of twin encoders that pairs its
 * minibatch and keeps its twins' weights one.
 */
package io.sparkdp.models.network;
