package io.sparkdp.driver.config;

/**
 * What {@code sparkdp report} is asked to draw.
 *
 * @param run    Hadoop URI of the run directory holding {@code metrics.jsonl}
 * @param output Hadoop URI of the HTML file to write; empty means {@code <run>/report.html}
 */
public record ReportConfig(String run, String output) {
    public ReportConfig {
        TrainConfig.require(run != null && !run.isBlank(), "--run is required");
        TrainConfig.require(output != null, "--output must name a file");
    }

    /** The default training run's directory, and its report inside it. */
    public static ReportConfig defaults() {
        return new ReportConfig(runDirectoryFor(TrainConfig.defaults().output()), "");
    }

    // TODO(issue 4): metrics belong in the checkpoint directory; when --checkpoint-dir lands, derive
    // the run directory from it (and make this its default) instead of from the model's --output.
    /** The directory that {@code sparkdp train} writes a run's metrics to, for model output {@code output}. */
    public static String runDirectoryFor(String output) {
        return output.replaceFirst("\\.zip$", "") + ".run";
    }

    /** The report file: {@code output}, or {@code <run>/report.html} when none was named. */
    public String resolvedOutput() {
        return output.isBlank() ? run.replaceFirst("/+$", "") + "/report.html" : output;
    }
}
