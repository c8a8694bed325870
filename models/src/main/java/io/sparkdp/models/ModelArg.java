package io.sparkdp.models;

/**
 * One argument a model accepts through {@code --model-arg name=value}.
 *
 * @param name         the key users write
 * @param defaultValue the value when none is given, in the form users write it
 * @param kind         what values are allowed
 * @param description  one line for {@code sparkdp models}
 */
public record ModelArg(String name, String defaultValue, Kind kind, String description) {
    /** What values an argument accepts; {@link ModelArgs} parses and checks them. */
    public enum Kind {
        /** One or more positive integers separated by commas, such as {@code 512,256}. */
        SIZES("comma-separated positive integers such as 512,256"),
        /** A positive integer. */
        POSITIVE("a positive integer"),
        /** A probability of dropping a unit, in [0, 1). */
        FRACTION("a number in [0, 1)"),
        /** A hidden-layer activation by name. */
        ACTIVATION("one of " + String.join(", ", Activations.NAMES)),
        /** A pooling type. */
        POOLING("max or avg"),
        /** Whether a part of the model is there. */
        SWITCH("on or off"),
        /** A recurrent cell by name. */
        CELL("lstm or gru"),
        /** A positive real number, such as a margin. */
        NUMBER("a positive number"),
        /** One of a few words the model names in the argument's description, such as an encoder's kind. */
        WORD("a word");

        private final String allowed;

        Kind(String allowed) {
            this.allowed = allowed;
        }

        /** What a value of this kind looks like, for error messages. */
        public String allowed() {
            return allowed;
        }
    }
}
