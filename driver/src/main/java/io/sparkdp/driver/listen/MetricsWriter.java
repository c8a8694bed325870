package io.sparkdp.driver.listen;

import static io.sparkdp.driver.listen.MetricsJson.number;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkdp.driver.model.ModelStore.StorageException;
import io.sparkdp.worker.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Appends the run's statistics to {@code metrics.jsonl} in a directory on any Hadoop URI, one
 * JSON object per line, as training goes. The first line describes the run
 * ({@code "type":"run"}: configuration and provenance); then one {@code "round"} line per round
 * and one {@code "epoch"} line per epoch, and an {@code "end"} line when training ends. A run that continues an existing file (a resumed
 * driver) adds a {@code "resume"} line instead of a second header; readers keep the last line
 * for each epoch and round. Epochs and rounds count from 1. The README documents every field.
 * <p>
 * Call order: {@link #open}, register as a listener, {@link #close} when training ends.
 */
public final class MetricsWriter implements TrainingListener, AutoCloseable {
    /** The file's name inside the run directory. */
    public static final String FILE_NAME = "metrics.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonLinesFile file;
    private final String location;
    private final Clock clock;

    private MetricsWriter(JsonLinesFile file, String location, Clock clock) {
        this.file = file;
        this.location = location;
        this.clock = clock;
    }

    /**
     * Opens {@code <directory>/metrics.jsonl} and writes the run's first line, or, with
     * {@code resume} and an existing file, a {@code "resume"} line after what is there.
     *
     * @param config     the run's configuration, as JSON
     * @param provenance where the run comes from (versions, environment, data), as JSON
     */
    public static MetricsWriter open(Configuration conf, String directory, JsonNode config, JsonNode provenance,
                                     boolean resume) {
        Path path = new Path(directory, FILE_NAME);
        try {
            return start(JsonLinesFile.open(conf, path, resume), path.toString(), config, provenance);
        } catch (IOException | RuntimeException e) {
            throw new StorageException("cannot write metrics to " + path + ": " + e.getMessage(), e);
        }
    }

    /** Writes the first line of this driver's part of the file: the header, or a resume line. */
    static MetricsWriter start(JsonLinesFile file, String location, JsonNode config, JsonNode provenance) {
        MetricsWriter writer = new MetricsWriter(file, location, Clock.systemUTC());
        ObjectNode first = writer.line(file.continued() ? "resume" : "run");
        first.set("config", config);
        first.set("provenance", provenance);
        writer.write(first);
        return writer;
    }

    @Override
    public void onRound(RoundReport report) {
        ObjectNode line = line("round");
        line.put("epoch", report.epoch() + 1);
        line.put("round", report.round() + 1);
        line.put("rounds", report.rounds());
        line.put("examples", report.examples());
        number(line, "loss", report.loss());
        number(line, "lr", report.learningRate());
        number(line, "samples_per_s", report.samplesPerSecond());
        ObjectNode ms = line.putObject("ms");
        for (Phase phase : new Phase[]{Phase.BROADCAST, Phase.COMPUTE, Phase.AGGREGATE, Phase.UPDATE}) {
            number(ms, phase.name().toLowerCase(Locale.ROOT), report.millis(phase));
        }
        number(ms, "total", report.totalMillis());
        write(line);
    }

    @Override
    public void onEpoch(EpochReport report) {
        ObjectNode line = line("epoch");
        line.put("epoch", report.epoch() + 1);
        number(line, "train_loss", report.trainLoss());
        line.put("examples", report.examples());
        number(line, "train_s", report.trainSeconds());
        number(line, "samples_per_s", report.samplesPerSecond());
        report.validation().ifPresent(v -> line.set("validation", MetricsJson.of(v)));
        write(line);
    }

    @Override
    public void onEnd(TrainingEnd end) {
        ObjectNode line = line("end");
        line.put("reason", end.reason().name().toLowerCase(Locale.ROOT));
        line.put("epochs", end.epochs());
        if (end.patience() > 0) {
            line.put("patience", end.patience());
        }
        end.kept().ifPresent(best -> {
            line.put("best_epoch", best.epoch() + 1);
            line.put("metric", best.metric());
            number(line, "best", best.value());
        });
        write(line);
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new StorageException("cannot finish metrics file " + location + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode line(String type) {
        ObjectNode line = JSON.createObjectNode();
        line.put("type", type);
        line.put("time", clock.instant().toString());
        return line;
    }

    private void write(ObjectNode line) {
        try {
            file.append(JSON.writeValueAsString(line));
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("cannot append to metrics file " + location + ": " + e.getMessage(), e);
        }
    }
}
