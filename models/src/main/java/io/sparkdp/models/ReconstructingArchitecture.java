package io.sparkdp.models;

/**
 * An architecture that learns to reconstruct its input ({@link Architecture#reconstructs()}): no
 * classes, an output as wide as the input, and a decoder that mirrors its encoder.
 */
interface ReconstructingArchitecture extends LayeredArchitecture {
    @Override
    default boolean classifies() {
        return false;
    }

    @Override
    default boolean reconstructs() {
        return true;
    }

    /** The widths of {@code encoder} in reverse, output side first: the decoder that mirrors it. */
    static int[] mirrored(int[] encoder) {
        int[] decoder = new int[encoder.length];
        for (int i = 0; i < encoder.length; i++) {
            decoder[i] = encoder[encoder.length - 1 - i];
        }
        return decoder;
    }
}
