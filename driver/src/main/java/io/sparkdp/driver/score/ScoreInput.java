package io.sparkdp.driver.score;

import io.sparkdp.data.ImageDecoder;
import java.io.Serializable;

/** One thing to score, as it arrives on an executor: an encoded image file or a decoded IDX record. */
sealed interface ScoreInput extends Serializable {
    /** The source id written to the output: the file's URI or the record's index. */
    String id();

    /**
     * The model's input for this item.
     *
     * @throws io.sparkdp.data.BadDataException if it cannot be decoded
     */
    float[] features(ImageDecoder decoder);

    /** An image file's bytes, decoded on the executor. */
    record Encoded(String id, byte[] bytes) implements ScoreInput {
        @Override
        public float[] features(ImageDecoder decoder) {
            return decoder.features(bytes);
        }
    }

    /** A record already decoded and scaled, from an IDX file. */
    record Features(String id, float[] features) implements ScoreInput {
        @Override
        public float[] features(ImageDecoder decoder) {
            return features;
        }
    }
}
