package io.sparkdp.models;

/**
 * What a model's examples are: flat vectors, or sequences with one class each, a class per time
 * step, or a target sequence of their own length.
 */
public enum SequenceLabels {
    /** Not sequences: images or feature vectors. */
    NONE,
    /** Sequences, each of one class (classification, such as sentiment) or one row of regression targets. */
    PER_SEQUENCE,
    /** Sequences with a class (tagging) or regression targets (forecasting) for every time step. */
    PER_STEP,
    /**
     * Sequences each with a target sequence of tokens (classes) of its own length, ended by an end
     * of sequence token, the last class (sequence to sequence).
     */
    TARGET_SEQUENCE
}
