package io.sparkdp.data;

import org.apache.hadoop.conf.Configuration;

/** Opens a user's data spec by its format prefix. */
public final class InputFormats {
    /** The prefixes sparkdp reads, as the usage line lists them. */
    public static final String USAGE = "idx:<dir> | idx:<images>,<labels> | images:<dir of class folders>";

    private InputFormats() {
    }

    /**
     * @param part which pair of an {@code idx:} directory is meant (training or test files)
     * @throws BadDataException with a one-line reason for an unknown prefix, a missing path or bad layout
     */
    public static InputData open(String spec, IdxSource.Part part, DataConfig config, Configuration conf) {
        if (spec == null || spec.isBlank()) {
            throw new BadDataException("no data given: use " + USAGE);
        }
        if (spec.startsWith(IdxSource.PREFIX)) {
            return IdxData.open(spec, part, conf);
        }
        if (spec.startsWith(ImageFolderData.PREFIX)) {
            return ImageFolderData.open(spec, config, conf);
        }
        int colon = spec.indexOf(':');
        String prefix = colon > 0 && !spec.substring(0, colon).contains("/") ? "'" + spec.substring(0, colon + 1) + "'" : "no prefix";
        throw new BadDataException("unsupported data format " + prefix + " in '" + spec + "': use " + USAGE);
    }
}
