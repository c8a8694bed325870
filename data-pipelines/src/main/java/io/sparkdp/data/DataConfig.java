package io.sparkdp.data;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a data set's records become examples, whatever its format. Immutable and validated;
 * defaults are in {@link #defaults()}.
 *
 * @param imageSize      {@code HxW} that images are resized to, or {@value #AUTO} for the size of
 *                       the first image (IDX files carry their own size and ignore it)
 * @param maxBadFraction the largest fraction of unreadable records (corrupt images) that are
 *                       skipped and counted; more fails the job. In [0, 1]
 */
public record DataConfig(String imageSize, double maxBadFraction) implements Serializable {
    public static final String AUTO = "auto";
    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

    public DataConfig {
        if (imageSize == null || !(AUTO.equals(imageSize) || SIZE.matcher(imageSize.toLowerCase(Locale.ROOT)).matches())) {
            throw new IllegalArgumentException("--image-size must be HxW (e.g. 28x28) or auto, got '" + imageSize + "'");
        }
        imageSize = imageSize.toLowerCase(Locale.ROOT);
        if (!AUTO.equals(imageSize) && (height(imageSize) < 1 || width(imageSize) < 1)) {
            throw new IllegalArgumentException("--image-size must be at least 1x1, got " + imageSize);
        }
        if (!(maxBadFraction >= 0 && maxBadFraction <= 1)) {
            throw new IllegalArgumentException("--max-bad-fraction must be in [0, 1], got " + maxBadFraction);
        }
    }

    /** Images at the first image's size; at most 0.1% of records may be unreadable. */
    public static DataConfig defaults() {
        return new DataConfig(AUTO, 0.001);
    }

    public DataConfig withImageSize(String size) {
        return new DataConfig(size, maxBadFraction);
    }

    public DataConfig withMaxBadFraction(double fraction) {
        return new DataConfig(imageSize, fraction);
    }

    /** Whether images keep the size of the first one. */
    public boolean autoImageSize() {
        return AUTO.equals(imageSize);
    }

    /** Rows of the fixed image size; only when not {@link #autoImageSize()}. */
    public int imageHeight() {
        return height(imageSize);
    }

    /** Columns of the fixed image size; only when not {@link #autoImageSize()}. */
    public int imageWidth() {
        return width(imageSize);
    }

    private static int height(String size) {
        return Integer.parseInt(dims(size).group(1));
    }

    private static int width(String size) {
        return Integer.parseInt(dims(size).group(2));
    }

    private static Matcher dims(String size) {
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) {
            throw new IllegalStateException("image size is " + size);
        }
        return m;
    }
}
