package io.sparkdp.driver.score;

import io.sparkdp.data.ImageDecoder;
import java.io.Serializable;

/** One thing to score, as it arrives on an executor: an encoded image file or a decoded IDX record. */
sealed interface ScoreInput extends Serializable {
    /** The source id written to the output: the file's URI or the record's index. */
    String id();

    /**
     * Writes the model's input for this item into {@code batch[offset ..]}, the row of a minibatch.
     *
     * @throws io.sparkdp.data.BadDataException if it cannot be decoded
     */
    void decodeInto(ImageDecoder decoder, float[] batch, int offset);

    /** An image file's bytes, decoded on the executor. */
    record Encoded(String id, byte[] bytes) implements ScoreInput {
        @Override
        public void decodeInto(ImageDecoder decoder, float[] batch, int offset) {
            decoder.decodeInto(bytes, batch, offset);
        }
    }

    /** A record already decoded and scaled, from an IDX file. */
    record Features(String id, float[] features) implements ScoreInput {
        @Override
        public void decodeInto(ImageDecoder decoder, float[] batch, int offset) {
            System.arraycopy(features, 0, batch, offset, features.length);
        }
    }
}
