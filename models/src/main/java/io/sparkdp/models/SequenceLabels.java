package io.sparkdp.models;

/** What a model's examples are: flat vectors, or sequences with one class each or a class per time step. */
public enum SequenceLabels {
    /** Not sequences: images or feature vectors. */
    NONE,
    /** Sequences, each of one class (classification, such as sentiment) or one row of regression targets. */
    PER_SEQUENCE,
    /** Sequences with a class (tagging) or regression targets (forecasting) for every time step. */
    PER_STEP
}
