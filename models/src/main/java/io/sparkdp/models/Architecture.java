package io.sparkdp.models;

import io.sparkdp.models.network.NetworkConfiguration;
import java.util.List;

/**
 * One named network architecture, of either DL4J kind. Implementations are stateless; those that
 * build a {@code MultiLayerNetwork} implement {@link LayeredArchitecture}.
 */
public interface Architecture {
    /** The name users pass to {@code --model}. */
    String name();

    /** One line for {@code sparkdp models} and for error messages. */
    String description();

    /** The arguments {@code --model-arg} may set, in the order {@code sparkdp models} lists them. */
    default List<ModelArg> arguments() {
        return List.of();
    }

    /** The loss the model trains with when {@code --loss} is {@value Losses#AUTO}. */
    default String loss() {
        return Losses.CATEGORICAL;
    }

    /** Whether the loss is part of what the model is (logistic regression is its loss), so {@code --loss} may not change it. */
    default boolean lossIsFixed() {
        return false;
    }

    /** Whether it predicts classes ({@code --task classification}). */
    default boolean classifies() {
        return true;
    }

    /**
     * Whether it predicts real-valued targets ({@code --task regression}) from the data it reads
     * (tabular rows, or sequences), with an identity output trained with MSE or MAE.
     */
    default boolean regresses() {
        return false;
    }

    /**
     * Whether it learns to reconstruct its input ({@code --task reconstruction}, which such a model
     * implies): its targets are the example's own normalised features and its output is as wide
     * as its input. Such a model neither {@link #classifies()} nor {@link #regresses()}.
     */
    default boolean reconstructs() {
        return false;
    }

    /**
     * Whether it reads sequences ({@code InputType.recurrent(features, steps)}, with masks) rather
     * than flat examples; sequence data trains only such models, and they train only on it.
     */
    default boolean readsSequences() {
        return false;
    }

    /**
     * Whether it also reads flat examples, as a model that reads sequences may (a recurrent model
     * reading an image as the sequence of its columns); a model that reads no sequences does.
     */
    default boolean readsFlatExamples() {
        return !readsSequences();
    }

    /** Whether, reading sequences, it can label every time step rather than only the whole sequence. */
    default boolean labelsSteps() {
        return readsSequences();
    }

    /**
     * Whether it decodes a target sequence of its own length from each source sequence (sequence to
     * sequence): its data's labels files are read as target sequences, a token per line, and it
     * trains on nothing else ({@link SequenceLabels#TARGET_SEQUENCE}).
     */
    default boolean decodesSequences() {
        return false;
    }

    /**
     * Whether it embeds examples and is measured on pairs of them (a Siamese model): its
     * validation and evaluation report the ROC AUC of same-class against different-class pairs.
     */
    default boolean ranksPairs() {
        return false;
    }

    /** A complete DL4J configuration, of either kind, for this request. */
    NetworkConfiguration network(ModelRequest request);
}
