package io.sparkdp.worker;

/**
 * What an evaluation of a Siamese network measured on pairs of held-out examples: how well the
 * distance between two embeddings tells a pair of one class from a pair of two. The ROC AUC is
 * the probability that a random same-class pair is closer than a random different-class pair
 * (score = -distance; ties count one half), the Mann-Whitney statistic.
 *
 * @param examples          pairs evaluated (one per example, each with a partner from its batch)
 * @param loss              mean contrastive loss per pair, plus the network's regularization penalty
 * @param auc               ROC AUC of same-class against different-class pairs; NaN without both kinds
 * @param samePairs         pairs of one class
 * @param sameDistance      mean distance of the pairs of one class
 * @param differentDistance mean distance of the pairs of two classes
 */
public record PairMetrics(long examples, double loss, double auc, long samePairs, double sameDistance,
                          double differentDistance) implements EvaluationMetrics {
    /** Pairs of two classes. */
    public long differentPairs() {
        return examples - samePairs;
    }
}
