package io.sparkdp.data;

import org.apache.spark.api.java.JavaSparkContext;

/** Opens a user's data spec by its format prefix. */
public final class InputFormats {
    /** The prefixes sparkdp reads, as the usage line lists them. */
    public static final String USAGE = "idx:<dir> | idx:<images>,<labels> | images:<dir of class folders> | csv:<file or dir>"
            + " | libsvm:<file or dir> | parquet:<file or dir> | csvseq:<dir of features/ and labels/>";

    private InputFormats() {
    }

    /**
     * Opens {@code spec}. Image and IDX data are listed on the driver; tabular formats
     * ({@code csv:}, {@code libsvm:}, {@code parquet:}) are read once on the executors here, to
     * settle their classes and feature count.
     *
     * @param part which pair of an {@code idx:} directory is meant (training or test files)
     * @throws BadDataException with a one-line reason for an unknown prefix, a missing path, bad layout or a bad record
     */
    public static InputData open(String spec, IdxSource.Part part, DataConfig config, JavaSparkContext sc) {
        if (spec == null || spec.isBlank()) {
            throw new BadDataException("no data given: use " + USAGE);
        }
        if (config.regression() && (spec.startsWith(IdxSource.PREFIX) || spec.startsWith(ImageFolderData.PREFIX))) {
            throw new BadDataException("--task regression reads real-valued targets from tabular data (csv:, libsvm:,"
                    + " parquet:); " + spec.substring(0, spec.indexOf(':') + 1) + " data has class labels");
        }
        if (spec.startsWith(IdxSource.PREFIX)) {
            return IdxData.open(spec, part, sc.hadoopConfiguration());
        }
        if (spec.startsWith(ImageFolderData.PREFIX)) {
            return ImageFolderData.open(spec, config, sc.hadoopConfiguration());
        }
        if (spec.startsWith(SequenceData.PREFIX)) {
            return SequenceData.open(spec, config, sc);
        }
        if (spec.startsWith(CsvData.PREFIX)) {
            return CsvData.open(spec, config, sc);
        }
        if (spec.startsWith(VectorFrameData.PARQUET) || spec.startsWith(VectorFrameData.LIBSVM)) {
            return VectorFrameData.open(spec, config, sc);
        }
        int colon = spec.indexOf(':');
        String prefix = colon > 0 && !spec.substring(0, colon).contains("/") ? "'" + spec.substring(0, colon + 1) + "'" : "no prefix";
        throw new BadDataException("unsupported data format " + prefix + " in '" + spec + "': use " + USAGE);
    }
}
