package io.sparkdp.driver.score;

import io.sparkdp.data.ImageDecoder;
import java.io.Serializable;

/**
 * One thing to score, as it arrives on an executor: an encoded image file, a decoded IDX record or
 * row of features, a sequence, or an input that could not be read (it becomes an error row).
 */
sealed interface ScoreInput extends Serializable {
    /** The source id written to the output: the file's URI or the record's index. */
    String id();

    /**
     * Writes the model's input for this item into {@code batch[offset ..]}, the row of a minibatch.
     *
     * @throws io.sparkdp.data.BadDataException if it cannot be decoded
     */
    void decodeInto(ImageDecoder decoder, float[] batch, int offset);

    /** The real time steps of a sequence; 0 for an input that is not one. */
    default int steps() {
        return 0;
    }

    /** An image file's bytes, decoded on the executor. */
    record Encoded(String id, byte[] bytes) implements ScoreInput {
        @Override
        public void decodeInto(ImageDecoder decoder, float[] batch, int offset) {
            decoder.decodeInto(bytes, batch, offset);
        }
    }

    /** A record already decoded (and scaled, from an IDX file), or a row of features from CSV or Parquet. */
    record Features(String id, float[] features) implements ScoreInput {
        @Override
        public void decodeInto(ImageDecoder decoder, float[] batch, int offset) {
            System.arraycopy(features, 0, batch, offset, features.length);
        }
    }

    /**
     * A record of an IDX block, copied straight into the minibatch (scaled, not normalised: the
     * worker normalises). Made and consumed within one task, never serialized: the block stays
     * where it was read.
     */
    record Record(String id, io.sparkdp.data.ExampleBlock block, int example) implements ScoreInput {
        @Override
        public void decodeInto(ImageDecoder decoder, float[] batch, int offset) {
            block.copyRaw(example, batch, offset);
        }
    }

    /**
     * A {@code csvseq:} sequence: its rows one after another as the file holds them ({@code steps x
     * features}), written into the minibatch feature-major ({@code [feature][step]}, DL4J's layout)
     * and padded with zeros to the model's {@code padded} steps, as training pads it.
     *
     * @param file  the file's URI
     * @param lines each step's line in the file, for the ids of a model's rows per step
     */
    record Sequence(String file, float[] values, int[] lines, int padded) implements ScoreInput {
        @Override
        public String id() {
            return idOf(file);
        }

        /** {@code <file>:0}: the sequence's index in its file, which holds one. */
        static String idOf(String file) {
            return file + ":0";
        }

        @Override
        public int steps() {
            return lines.length;
        }

        /** The id of step {@code t}'s row: {@code <file>:<line>}, as a {@code csv:} row's. */
        String stepId(int t) {
            return file + ":" + lines[t];
        }

        @Override
        public void decodeInto(ImageDecoder decoder, float[] batch, int offset) {
            int steps = lines.length;
            int features = values.length / steps;
            for (int f = 0; f < features; f++) {
                int row = offset + f * padded;
                for (int t = 0; t < steps; t++) {
                    batch[row + t] = values[t * features + f];
                }
                java.util.Arrays.fill(batch, row + steps, row + padded, 0f); // the buffer is reused
            }
        }
    }

    /** A row that could not be read as features (another width, a field that is not a number): scored as an error. */
    record Unreadable(String id, String error) implements ScoreInput {
        @Override
        public void decodeInto(ImageDecoder decoder, float[] batch, int offset) {
            throw new io.sparkdp.data.BadDataException(error);
        }
    }
}
