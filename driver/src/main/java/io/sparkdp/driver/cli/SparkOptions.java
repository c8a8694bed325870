package io.sparkdp.driver.cli;

import picocli.CommandLine.Option;

/** Options every Spark-running subcommand shares. */
final class SparkOptions {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2] or spark://host:7077 (default: spark-submit's, else local[*])")
    String master;
}
