package io.sparkdp.driver.config;

/**
 * What {@code sparkdp report} is asked to draw.
 *
 * @param run    Hadoop URI of the run's checkpoint directory, which holds {@code metrics.jsonl}
 * @param output Hadoop URI of the HTML file to write; empty means {@code <run>/report.html}
 */
public record ReportConfig(String run, String output) {
    public ReportConfig {
        TrainConfig.require(run != null && !run.isBlank(), "--run is required");
        TrainConfig.require(output != null, "--output must name a file");
    }

    /** The default training run's checkpoint directory, which holds its metrics, and the report inside it. */
    public static ReportConfig defaults() {
        TrainConfig train = TrainConfig.defaults();
        return new ReportConfig(train.recovery().checkpointDirFor(train.output()), "");
    }

    /** The report file: {@code output}, or {@code <run>/report.html} when none was named. */
    public String resolvedOutput() {
        return output.isBlank() ? run.replaceFirst("/+$", "") + "/report.html" : output;
    }
}
