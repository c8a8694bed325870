package io.sparkdp.data;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a data set's records become examples, whatever its format. Immutable and validated;
 * defaults are in {@link #defaults()}, variations through the {@code with*} methods.
 *
 * @param imageSize      {@code HxW} that images are resized to, or {@value #AUTO} for the size of
 *                       the first image (IDX files carry their own size and ignore it)
 * @param maxBadFraction the largest fraction of unreadable records (corrupt images) that are
 *                       skipped and counted; more fails the job. In [0, 1]
 * @param labelColumn    {@code csv:} the label column, by 0-based index or by header name, or for
 *                       regression several, comma-separated; {@code parquet:} its name;
 *                       {@value #AUTO}: the last CSV column, Parquet's {@value #DEFAULT_LABEL}
 * @param featuresColumn {@code parquet:} the name of the Spark ML vector column of features
 * @param header         {@code csv:} whether the first line of every file names the columns
 * @param delimiter      {@code csv:} the one character between fields ({@code \t} for tab)
 * @param numClasses     number of classes when labels are class indices, so that a label at or
 *                       above it is an error; 0: one more than the largest label in the data
 * @param numFeatures    {@code libsvm:} features per record; 0: the largest index in the data
 * @param normalize      how training fits and applies feature normalization; evaluation and
 *                       scoring use the model's own
 * @param knownClasses   the classes, in index order, that labels must be among (a model's, or the
 *                       training data's for validation data); empty: found in the data. Not a flag
 * @param task           whether labels are classes or real-valued regression targets; regression
 *                       reads only tabular formats. Reconstruction reads the data as classification
 *                       does and trains on the features themselves. A configuration written before it existed
 *                       reads as classification
 * @param channels       {@code images:} colour channels kept: 1 (gray, BT.601 luma) or 3 (RGB
 *                       planes, channel-major as DL4J's convolutions read them)
 * @param targetSequences {@code csvseq:} whether a labels file holds a target sequence of its own
 *                       length, one token (class) per line, rather than the sequence's class or a
 *                       class per time step: set by a model that decodes sequences ({@code seq2seq})
 *                       or was trained on them. Not a flag
 * @param targetSteps    with {@code targetSequences}, the longest target a trained model was built
 *                       for, so that targets are padded to it and a longer one is refused; 0: the
 *                       longest in the data
 */
public record DataConfig(String imageSize, double maxBadFraction, String labelColumn, String featuresColumn,
                         boolean header, String delimiter, int numClasses, int numFeatures, Normalization normalize,
                         List<String> knownClasses, Task task, int channels, boolean targetSequences, int targetSteps)
        implements Serializable {
    public static final String AUTO = "auto";
    /** Spark ML's label column. */
    public static final String DEFAULT_LABEL = "label";
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
        require(labelColumn != null && !labelColumn.isBlank(), "--label-column must name a column or an index");
        require(featuresColumn != null && !featuresColumn.isBlank(), "--features-column must name a column");
        delimiter = "tab".equalsIgnoreCase(String.valueOf(delimiter)) || "\\t".equals(delimiter) ? "\t" : delimiter;
        require(delimiter != null && delimiter.length() == 1 && delimiter.charAt(0) != '"' && delimiter.charAt(0) != '\n',
                "--delimiter must be one character (or tab), got '" + delimiter + "'");
        require(numClasses == 0 || numClasses >= 2, "--num-classes must be 0 (from the data) or at least 2, got " + numClasses);
        require(numFeatures >= 0, "--num-features must be 0 (from the data) or positive, got " + numFeatures);
        require(normalize != null, "--normalize must be one of " + Normalization.NAMES);
        knownClasses = List.copyOf(knownClasses == null ? List.of() : knownClasses);
        task = task == null ? Task.CLASSIFICATION : task;
        channels = channels == 0 ? 1 : channels; // a configuration written before channels existed
        require(channels == 1 || channels == 3, "--channels must be 1 (gray) or 3 (RGB), got " + channels);
        require(task != Task.REGRESSION || numClasses == 0, "--num-classes applies to classification, not --task regression");
        require(targetSteps >= 0 && (targetSequences || targetSteps == 0), "the longest target sequence must be 0 (from"
                + " the data) or positive, and only for target sequences; got " + targetSteps);
        require(!targetSequences || task == Task.CLASSIFICATION, "target sequences are tokens (classes), not --task "
                + task.flag() + " targets");
        require(task == Task.CLASSIFICATION || columns(labelColumn).stream().noneMatch(String::isBlank),
                "--label-column has an empty entry in '" + labelColumn + "'");
        require(task == Task.REGRESSION || columns(labelColumn).size() == 1, "--label-column '" + labelColumn
                + "' names several columns; several label columns are regression targets: add --task regression");
    }

    /** The label columns as written, comma-separated for several regression targets. */
    public List<String> labelColumns() {
        return columns(labelColumn);
    }

    private static List<String> columns(String labelColumn) {
        return List.of(labelColumn.split(",", -1)).stream().map(String::trim).toList();
    }

    /**
     * Images at the first image's size; at most 0.1% of records may be unreadable; the last CSV
     * column (Parquet's {@code label}) is the label, beside Parquet's {@code features}; CSV files
     * have no header and use commas; class and feature counts come from the data; no normalization;
     * classification.
     */
    public static DataConfig defaults() {
        return new DataConfig(AUTO, 0.001, AUTO, "features", false, ",", 0, 0, Normalization.NONE, List.of(),
                Task.CLASSIFICATION, 1, false, 0);
    }

    public DataConfig withImageSize(String size) {
        return with(b -> b.imageSize = size);
    }

    public DataConfig withMaxBadFraction(double fraction) {
        return with(b -> b.maxBadFraction = fraction);
    }

    public DataConfig withLabelColumn(String column) {
        return with(b -> b.labelColumn = column);
    }

    public DataConfig withFeaturesColumn(String column) {
        return with(b -> b.featuresColumn = column);
    }

    public DataConfig withHeader(boolean hasHeader) {
        return with(b -> b.header = hasHeader);
    }

    public DataConfig withDelimiter(String separator) {
        return with(b -> b.delimiter = separator);
    }

    public DataConfig withNumClasses(int classes) {
        return with(b -> b.numClasses = classes);
    }

    public DataConfig withNumFeatures(int features) {
        return with(b -> b.numFeatures = features);
    }

    public DataConfig withNormalize(Normalization method) {
        return with(b -> b.normalize = method);
    }

    public DataConfig withKnownClasses(List<String> classes) {
        return with(b -> b.knownClasses = classes);
    }

    public DataConfig withChannels(int count) {
        return with(b -> b.channels = count);
    }

    public DataConfig withTask(Task kind) {
        return with(b -> b.task = kind);
    }

    /** Labels files read as target sequences ({@link #targetSequences()}), of at most {@code steps} tokens (0: any). */
    public DataConfig withTargetSequences(boolean read, int steps) {
        return with(b -> {
            b.targetSequences = read;
            b.targetSteps = steps;
        });
    }

    /** This configuration with one change, validated again by the canonical constructor. */
    private DataConfig with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /**
     * The one place that lists every field in constructor order, so that the {@code with*} methods
     * name only what they change. Private and short-lived: the record stays the immutable config.
     */
    private static final class Copy {
        String imageSize;
        double maxBadFraction;
        String labelColumn;
        String featuresColumn;
        boolean header;
        String delimiter;
        int numClasses;
        int numFeatures;
        Normalization normalize;
        List<String> knownClasses;
        Task task;
        int channels;
        boolean targetSequences;
        int targetSteps;

        Copy(DataConfig c) {
            imageSize = c.imageSize;
            maxBadFraction = c.maxBadFraction;
            labelColumn = c.labelColumn;
            featuresColumn = c.featuresColumn;
            header = c.header;
            delimiter = c.delimiter;
            numClasses = c.numClasses;
            numFeatures = c.numFeatures;
            normalize = c.normalize;
            knownClasses = c.knownClasses;
            task = c.task;
            channels = c.channels;
            targetSequences = c.targetSequences;
            targetSteps = c.targetSteps;
        }

        DataConfig build() {
            return new DataConfig(imageSize, maxBadFraction, labelColumn, featuresColumn, header, delimiter, numClasses,
                    numFeatures, normalize, knownClasses, task, channels, targetSequences, targetSteps);
        }
    }

    /** Whether labels are real-valued targets. */
    public boolean regression() {
        return task == Task.REGRESSION;
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

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
