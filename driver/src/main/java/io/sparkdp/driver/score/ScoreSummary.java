package io.sparkdp.driver.score;

import java.util.Locale;

/**
 * What a scoring run did, counted by the tasks whose output was committed.
 *
 * @param images      rows written: every input image (or row of features), scored or not
 * @param bad         inputs that could not be scored (rows with an error)
 * @param wallSeconds seconds from the start of the run to the committed output
 * @param unit        what the inputs are, as the summary line names them: "images" or "rows"
 */
public record ScoreSummary(long images, long bad, double wallSeconds, String unit) {
    /** The summary of a run over images. */
    public ScoreSummary(long images, long bad, double wallSeconds) {
        this(images, bad, wallSeconds, "images");
    }

    /** Images per second of wall time, bad ones included. */
    public double imagesPerSecond() {
        return wallSeconds > 0 ? images / wallSeconds : 0;
    }

    /** e.g. "scored 1000 images (3 bad) in 4.2 s: 238.1 images/s", or "scored 500 rows ...: ... rows/s". */
    public String line() {
        return String.format(Locale.ROOT, "scored %d %s (%d bad) in %.1f s: %.1f %s/s",
                images, unit, bad, wallSeconds, imagesPerSecond(), unit);
    }
}
