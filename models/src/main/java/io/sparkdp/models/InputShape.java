package io.sparkdp.models;

import java.io.Serializable;

/**
 * The shape of one example as the data pipeline delivers it: a flat vector of
 * {@code channels * height * width} values. Image models read it as a picture of that size.
 *
 * @param channels colour channels, at least 1
 * @param height   rows, at least 1
 * @param width    columns, at least 1
 */
public record InputShape(int channels, int height, int width) implements Serializable {
    public InputShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("input shape must be positive, got " + channels + "x" + height + "x" + width);
        }
    }

    /** Number of values in one flattened example. */
    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
