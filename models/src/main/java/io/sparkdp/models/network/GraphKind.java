package io.sparkdp.models.network;

import java.util.function.Function;
import java.util.function.Predicate;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Which {@link Network} wraps a {@code ComputationGraph}, told by its configuration alone (which
 * every configuration JSON and model zip carries): a seq2seq graph and a Siamese graph, each
 * recognised by its inputs, feed themselves from a minibatch; any other graph is fed by
 * {@link GraphFeed}. The first kind whose test the configuration passes wraps it.
 */
enum GraphKind {
    /** An encoder-decoder ({@link Seq2SeqNetwork#isSeq2Seq}). */
    SEQ2SEQ(Seq2SeqNetwork::isSeq2Seq, Seq2SeqNetwork::new),
    /** Twin encoders of tied weights ({@link SiameseNetwork#isSiamese}). */
    SIAMESE(SiameseNetwork::isSiamese, SiameseNetwork::new),
    /** Any other graph, of any number of inputs and outputs, fed by columns ({@link GraphFeed}). */
    FED(conf -> true, GraphNetwork::new);

    private final Predicate<ComputationGraphConfiguration> test;
    private final Function<ComputationGraph, Network> wrapper;

    GraphKind(Predicate<ComputationGraphConfiguration> test, Function<ComputationGraph, Network> wrapper) {
        this.test = test;
        this.wrapper = wrapper;
    }

    /** The kind of graph {@code conf} describes. */
    static GraphKind of(ComputationGraphConfiguration conf) {
        for (GraphKind kind : values()) {
            if (kind.test.test(conf)) {
                return kind;
            }
        }
        throw new IllegalStateException("FED takes every graph");
    }

    /** {@code graph}, initialised, as the network of this kind. */
    Network wrap(ComputationGraph graph) {
        return wrapper.apply(graph);
    }
}
