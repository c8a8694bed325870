package io.sparkdp.driver.score;

import io.sparkdp.data.DataConfig;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * What a scoring run is asked to do. Immutable and validated on construction; {@link #defaults()}
 * is the one place its defaults are declared.
 *
 * @param model        Hadoop URI of a model zip written by {@code sparkdp train}
 * @param input        {@code images:<dir>} (PNG, JPEG, BMP and GIF files under the directory, at
 *                     any depth), {@code idx:<dir>} / {@code idx:<images>,<labels>} (its test images),
 *                     {@code csv:<file or dir>} or {@code parquet:<file or dir>} (rows of features),
 *                     {@code csvseq:<dir>} (sequences, a file each, for sequence models)
 * @param output       Hadoop URI of the output directory Spark writes
 * @param outputFormat file format of the output
 * @param topK         most probable classes listed per image, at least 1; a model of fewer classes lists them all
 * @param batchSize    images per forward pass on an executor, at least 1
 * @param overwrite    whether an existing {@code output} may be replaced
 * @param tabular      how {@code csv:} and {@code parquet:} rows are read; a configuration written
 *                     before it existed reads as {@link TabularOptions#defaults()}
 */
public record ScoreConfig(String model, String input, String output, OutputFormat outputFormat, int topK,
                          int batchSize, boolean overwrite, TabularOptions tabular) {
    /** Prefix of an input that is a directory of encoded images. */
    public static final String IMAGES_PREFIX = "images:";
    /** Prefix of an input in IDX files. */
    public static final String IDX_PREFIX = "idx:";
    /** Prefix of an input of CSV rows of features. */
    public static final String CSV_PREFIX = "csv:";
    /** Prefix of an input of Parquet rows with a Spark ML vector column of features. */
    public static final String PARQUET_PREFIX = "parquet:";
    /** Prefix of an input of sequences, one CSV file each, a row per time step. */
    public static final String CSVSEQ_PREFIX = io.sparkdp.data.SequenceData.PREFIX;
    private static final List<String> PREFIXES = List.of(IMAGES_PREFIX, IDX_PREFIX, CSV_PREFIX, PARQUET_PREFIX, CSVSEQ_PREFIX);

    /**
     * How rows of features are read; the flags keep training's names and meaning, except that
     * scoring input has no label by default.
     *
     * @param labelColumn    {@code csv:} and {@code csvseq:} columns that are not features (say, the label of labelled
     *                       data), by 0-based index or header name, comma-separated; {@value #NONE}:
     *                       every column is a feature. {@code parquet:} reads only the features column
     * @param featuresColumn {@code parquet:} the Spark ML vector column of features
     * @param header         {@code csv:}, {@code csvseq:} whether the first line of every file names the columns
     * @param delimiter      {@code csv:}, {@code csvseq:} the one character between fields ({@code tab} for a tab)
     */
    public record TabularOptions(String labelColumn, String featuresColumn, boolean header, String delimiter)
            implements Serializable {
        /** The {@code labelColumn} of unlabeled rows. */
        public static final String NONE = "none";

        public TabularOptions {
            require(labelColumn != null && !labelColumn.isBlank(), "--label-column must name columns or be none");
            dataConfig(featuresColumn, header, delimiter); // validates them as training does
        }

        /** Unlabeled CSV without a header, comma-separated; Parquet's {@code features} column. */
        public static TabularOptions defaults() {
            return new TabularOptions(NONE, DataConfig.defaults().featuresColumn(), false, DataConfig.defaults().delimiter());
        }

        /** The columns that are not features; empty for {@value #NONE}. */
        public List<String> skippedColumns() {
            return NONE.equalsIgnoreCase(labelColumn.trim()) ? List.of()
                    : List.of(labelColumn.split(",", -1)).stream().map(String::trim).toList();
        }

        /** These options as training's data options, whose readers scoring shares. */
        public DataConfig dataConfig() {
            return dataConfig(featuresColumn, header, delimiter);
        }

        private static DataConfig dataConfig(String featuresColumn, boolean header, String delimiter) {
            return DataConfig.defaults().withFeaturesColumn(featuresColumn).withHeader(header).withDelimiter(delimiter);
        }
    }

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
        require(input != null && PREFIXES.stream().anyMatch(input::startsWith),
                "unsupported input '" + input + "'; use images:<dir>, idx:<dir>, csv:<file or dir>, parquet:<file or dir>"
                        + " or csvseq:<dir>");
        require(input.indexOf(':') + 1 < input.length(), "--input " + input + " names no path");
        require(topK >= 1, "--top-k must be at least 1, got " + topK);
        require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
        tabular = tabular == null ? TabularOptions.defaults() : tabular;
    }

    /** A run over images or IDX data, or tabular data read with the default options. */
    public ScoreConfig(String model, String input, String output, OutputFormat outputFormat, int topK, int batchSize,
                       boolean overwrite) {
        this(model, input, output, outputFormat, topK, batchSize, overwrite, TabularOptions.defaults());
    }

    public static ScoreConfig defaults() {
        return new ScoreConfig("runs/fashion-mnist-cnn.zip", "idx:/usr/share/datasets/fashion-mnist",
                "runs/scores", OutputFormat.PARQUET, 5, 256, false, TabularOptions.defaults());
    }

    /** Whether the input is rows of features ({@code csv:} or {@code parquet:}) rather than images. */
    public boolean tabularInput() {
        return input.startsWith(CSV_PREFIX) || input.startsWith(PARQUET_PREFIX);
    }

    /** Whether the input is {@code csvseq:} sequences. */
    public boolean sequenceInput() {
        return input.startsWith(CSVSEQ_PREFIX);
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
