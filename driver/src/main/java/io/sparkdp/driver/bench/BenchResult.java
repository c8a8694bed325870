package io.sparkdp.driver.bench;

/**
 * One trainer's measurement.
 *
 * @param trainer         what was run
 * @param examples        training examples processed
 * @param seconds         wall time of training alone (no loading, no evaluation)
 * @param testAccuracy    accuracy on the test set
 * @param roundOverheadMs mean milliseconds per round outside the workers' compute; NaN where
 *                        the trainer has no rounds or does not report them
 */
public record BenchResult(String trainer, long examples, double seconds, double testAccuracy, double roundOverheadMs) {
    public double samplesPerSecond() {
        return examples / seconds;
    }
}
