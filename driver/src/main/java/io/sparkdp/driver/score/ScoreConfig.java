package io.sparkdp.driver.score;

import java.util.Locale;

/**
 * What a scoring run is asked to do. Immutable and validated on construction; {@link #defaults()}
 * is the one place its defaults are declared.
 *
 * @param model        Hadoop URI of a model zip written by {@code sparkdp train}
 * @param input        {@code images:<dir>} (PNG, JPEG, BMP and GIF files under the directory, at
 *                     any depth) or {@code idx:<dir>} / {@code idx:<images>,<labels>} (its test images)
 * @param output       Hadoop URI of the output directory Spark writes
 * @param outputFormat file format of the output
 * @param topK         most probable classes listed per image, at least 1 (at most the model's classes)
 * @param batchSize    images per forward pass on an executor, at least 1
 * @param overwrite    whether an existing {@code output} may be replaced
 */
public record ScoreConfig(String model, String input, String output, OutputFormat outputFormat, int topK,
                          int batchSize, boolean overwrite) {
    /** Prefix of an input that is a directory of encoded images. */
    public static final String IMAGES_PREFIX = "images:";
    /** Prefix of an input in IDX files. */
    public static final String IDX_PREFIX = "idx:";

    /** Output file formats, each written by Spark's own data source of that name. */
    public enum OutputFormat {
        PARQUET("parquet"), CSV("csv"), JSONL("json");

        private final String sparkSource;

        OutputFormat(String sparkSource) {
            this.sparkSource = sparkSource;
        }

        /** The name of Spark's data source that writes this format. */
        public String sparkSource() {
            return sparkSource;
        }

        @Override
        @com.fasterxml.jackson.annotation.JsonValue
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ScoreConfig {
        require(model != null && !model.isBlank(), "--model is required");
        require(output != null && !output.isBlank(), "--output is required");
        require(outputFormat != null, "--output-format is required");
        require(input != null && (input.startsWith(IMAGES_PREFIX) || input.startsWith(IDX_PREFIX)),
                "unsupported input '" + input + "'; use images:<dir> or idx:<dir>");
        require(input.indexOf(':') + 1 < input.length(), "--input " + input + " names no path");
        require(topK >= 1, "--top-k must be at least 1, got " + topK);
        require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
    }

    public static ScoreConfig defaults() {
        return new ScoreConfig("runs/fashion-mnist-cnn.zip", "idx:/usr/share/datasets/fashion-mnist",
                "runs/scores", OutputFormat.PARQUET, 5, 256, false);
    }

    /** Whether the input is a directory of encoded images rather than IDX files. */
    public boolean imagesInput() {
        return input.startsWith(IMAGES_PREFIX);
    }

    /** The input's location, without its prefix. */
    public String inputPath() {
        return input.substring(input.indexOf(':') + 1);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
