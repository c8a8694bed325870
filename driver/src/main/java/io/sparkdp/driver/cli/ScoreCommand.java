package io.sparkdp.driver.cli;

import io.sparkdp.driver.score.ScoreConfig;
import io.sparkdp.driver.score.ScoreJob;
import io.sparkdp.driver.score.ScoreSummary;
import io.sparkdp.driver.spark.SparkContexts;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict the class of every image, row or sequence with a saved model (a regression model: its target values;",
                "seq2seq: its greedily decoded sequence)",
                "and write one row per input. Progress goes to stderr; the last line printed is the summary."})
final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "URI", description = "model zip written by sparkdp train (default: ${DEFAULT-VALUE})")
    String model;
    @Option(names = "--input", paramLabel = "SPEC", description = "images:<dir> (PNG/JPEG/BMP/GIF at any depth), idx:<dir> (its t10k-* pair), csv:<file or dir>, parquet:<file or dir> or csvseq:<dir> (sequences, a file each; its features/ if it has one) (default: ${DEFAULT-VALUE})")
    String input;
    @Option(names = "--output", paramLabel = "URI", description = "output directory, written by Spark (default: ${DEFAULT-VALUE})")
    String output;
    @Option(names = "--output-format", paramLabel = "FORMAT", description = "parquet, csv or jsonl (default: ${DEFAULT-VALUE})")
    ScoreConfig.OutputFormat outputFormat;
    @Option(names = "--top-k", paramLabel = "K", description = "most probable classes listed per image, all of them for a model of fewer; a regression or seq2seq model has none (default: ${DEFAULT-VALUE})")
    int topK;
    @Option(names = "--batch-size", paramLabel = "B", description = "images per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--overwrite", description = "replace an existing output")
    boolean overwrite;
    @Option(names = "--label-column", paramLabel = "COLUMNS",
            description = "csv: and csvseq: columns that are not features (a label), by 0-based index or header name, comma-separated; none = every column is a feature (default: ${DEFAULT-VALUE})")
    String labelColumn;
    @Mixin
    RowOptions rows;
    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        ScoreConfig config = new ScoreConfig(model, input, output, outputFormat, topK, batchSize, overwrite,
                new ScoreConfig.TabularOptions(labelColumn, rows.featuresColumn, rows.header, rows.delimiter));
        try (JavaSparkContext sc = SparkContexts.open("sparkdp score", spark.master)) {
            ScoreSummary summary = new ScoreJob(sc, config, System.err::println).run();
            System.out.println(summary.line());
            return 0;
        }
    }
}
