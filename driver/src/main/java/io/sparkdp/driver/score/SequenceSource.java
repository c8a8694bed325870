package io.sparkdp.driver.score;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.CsvData;
import io.sparkdp.data.HadoopConf;
import io.sparkdp.data.SequenceData;
import io.sparkdp.driver.spark.RunScope;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The sequences of a {@code csvseq:} input, one per features file (a row per time step, read as
 * training reads them, without labels: a {@code labels/} directory beside {@code features/} is not
 * read, and {@code --label-column} leaves columns of the rows out), listed once on the driver and
 * read on the executors one file at a time, as a task consumes them.
 * <p>
 * The driver reads the first file's first line and refuses a step width other than the model's,
 * with both in the message. After that a sequence is scored on its own: an empty file, a row of
 * another width, a value that is not a finite number, a sequence longer than the model was built
 * for (never truncated, as in training), or a file that cannot be read becomes an error row naming
 * the file and line, and is counted, as a corrupt image is.
 * <p>
 * The id of a sequence is {@code <file>:<sequence>}, its 0-based index in its file, as a Parquet
 * row's is: a {@code csvseq:} file holds one sequence, so it is always 0. A model that predicts per
 * time step writes a row per real step instead, {@code <file>:<line>} as a {@code csv:} row's.
 */
final class SequenceSource {
    private SequenceSource() {
    }

    /** The sequences of {@code config}'s input, in at least {@code minTasks} partitions where there are as many files. */
    static JavaRDD<ScoreInput> open(JavaSparkContext spark, RunScope scope, ScoreConfig config, ModelInput model, int minTasks) {
        Configuration conf = spark.hadoopConfiguration();
        List<String> files = SequenceData.featureFiles(config.input(), conf);
        String first = files.get(0);
        CsvData.Layout layout = CsvData.unlabeledLayout(first, config.tabular().skippedColumns(), config.tabular().dataConfig(),
                conf);
        int width = layout.featureColumns();
        if (width != model.stepFeatures()) {
            throw new BadDataException("input sequences have " + width + " values per time step but the model expects "
                    + model.stepFeatures() + " (" + first + ": " + layout.columns() + " columns" + TabularSource.skipped(layout)
                    + ")");
        }
        var shared = scope.broadcast(new HadoopConf(conf));
        int padded = model.steps();
        return spark.parallelize(files, Math.max(1, Math.min(files.size(), minTasks)))
                .mapPartitions(listed -> read(listed, layout, padded, shared.value()));
    }

    private static Iterator<ScoreInput> read(Iterator<String> listed, CsvData.Layout layout, int padded, HadoopConf conf) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return listed.hasNext();
            }

            @Override
            public ScoreInput next() {
                return sequence(listed.next(), layout, padded, conf.get());
            }
        };
    }

    private static ScoreInput sequence(String file, CsvData.Layout layout, int padded, Configuration conf) {
        String id = ScoreInput.Sequence.idOf(file);
        try {
            SequenceData.Rows rows = SequenceData.readSteps(file, layout, conf);
            if (rows.steps() > padded) {
                return new ScoreInput.Unreadable(id, file + ": " + rows.steps() + " time steps, more than the " + padded
                        + " the model was built for; sequences are never truncated");
            }
            return new ScoreInput.Sequence(file, rows.values(), rows.lines(), padded);
        } catch (BadDataException e) {
            return new ScoreInput.Unreadable(id, e.getMessage());
        } catch (IOException e) {
            return new ScoreInput.Unreadable(id, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
