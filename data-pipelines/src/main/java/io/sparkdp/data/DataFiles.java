package io.sparkdp.data;

import java.io.FileNotFoundException;

/** What the formats that list a directory share: which files count, and how a failed listing reads. */
final class DataFiles {
    private DataFiles() {
    }

    /** Whether a listed file or folder holds data: Hadoop's and Spark's markers ({@code _SUCCESS}) and hidden files do not. */
    static boolean visible(String name) {
        return !name.startsWith(".") && !name.startsWith("_");
    }

    /** The one-line error for a listing of {@code root} that failed with {@code e}. */
    static BadDataException listingFailed(String root, Exception e) {
        if (e instanceof FileNotFoundException) {
            return new BadDataException("data path does not exist: " + root);
        }
        return new BadDataException("cannot list " + root + ": " + e.getMessage(), e);
    }
}
