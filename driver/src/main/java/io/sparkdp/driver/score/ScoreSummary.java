package io.sparkdp.driver.score;

import java.util.Locale;

/**
 * What a scoring run did, counted from the output it committed.
 *
 * @param images      rows written: every input image, scored or not
 * @param bad         images that could not be scored (rows with an error)
 * @param wallSeconds seconds from the start of the run to the committed output
 */
public record ScoreSummary(long images, long bad, double wallSeconds) {
    /** Images per second of wall time, bad ones included. */
    public double imagesPerSecond() {
        return wallSeconds > 0 ? images / wallSeconds : 0;
    }

    /** e.g. "scored 1000 images (3 bad) in 4.2 s: 238.1 images/s". */
    public String line() {
        return String.format(Locale.ROOT, "scored %d images (%d bad) in %.1f s: %.1f images/s",
                images, bad, wallSeconds, imagesPerSecond());
    }
}
