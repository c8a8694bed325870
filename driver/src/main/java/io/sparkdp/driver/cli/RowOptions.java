package io.sparkdp.driver.cli;

import picocli.CommandLine.Option;

/** How rows of features are read ({@code csv:} and {@code parquet:}), the same flags for every command that reads them. */
final class RowOptions {
    @Option(names = "--features-column", paramLabel = "NAME",
            description = "parquet: the Spark ML vector column of features (default: ${DEFAULT-VALUE})")
    String featuresColumn;
    @Option(names = "--header", paramLabel = "true|false", arity = "1",
            description = "csv: whether the first line of every file names the columns (default: ${DEFAULT-VALUE})")
    boolean header;
    @Option(names = "--delimiter", paramLabel = "C",
            description = "csv: the character between fields; tab for a tab (default: '${DEFAULT-VALUE}')")
    String delimiter;
}
