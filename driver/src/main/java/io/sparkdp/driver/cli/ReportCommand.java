package io.sparkdp.driver.cli;

import io.sparkdp.driver.config.ReportConfig;
import io.sparkdp.driver.report.HtmlReport;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write one self-contained HTML page about a training run from its metrics.jsonl:",
                "loss and accuracy curves, learning rate, throughput, round-time breakdown, confusion matrix,",
                "configuration and provenance. The page opens offline."},
        footer = "%nExample:%n  sparkdp report --run runs/mlp.run --output mlp-report.html")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--run", paramLabel = "DIR", description = "the run directory holding metrics.jsonl, any Hadoop URI (default: ${DEFAULT-VALUE})")
    String run;
    @Option(names = "--output", paramLabel = "URI", description = "the HTML file to write, any Hadoop URI (default: <run>/report.html)")
    String output;

    @Override
    public Integer call() {
        ReportConfig config = new ReportConfig(run, output);
        HtmlReport.write(new Configuration(), config.run(), config.resolvedOutput());
        System.out.println("wrote report to " + config.resolvedOutput());
        return 0;
    }
}
