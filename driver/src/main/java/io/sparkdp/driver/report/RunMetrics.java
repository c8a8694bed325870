package io.sparkdp.driver.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdp.data.BadDataException;
import io.sparkdp.driver.listen.MetricsWriter;
import io.sparkdp.driver.model.ModelStore.StorageException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A run's {@code metrics.jsonl}, read back: its header, and its round and epoch lines in order,
 * where the last line written for an epoch or round wins (a resumed run repeats what came after
 * its checkpoint).
 *
 * @param run     the first line: {@code "type":"run"}, with {@code config} and {@code provenance}
 * @param resumes how many times the run was continued by a new driver
 * @param rounds  one line per round, ordered by epoch and round
 * @param epochs  one line per epoch, ordered by epoch
 * @param end     the last {@code "end"} line: how training ended; empty while it runs or after a crash
 */
public record RunMetrics(JsonNode run, int resumes, List<JsonNode> rounds, List<JsonNode> epochs, Optional<JsonNode> end) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RunMetrics {
        rounds = List.copyOf(rounds);
        epochs = List.copyOf(epochs);
    }

    /** Reads {@code <runDirectory>/metrics.jsonl}. */
    public static RunMetrics read(Configuration conf, String runDirectory) {
        Path path = new Path(runDirectory, MetricsWriter.FILE_NAME);
        String text;
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            throw new StorageException("no " + MetricsWriter.FILE_NAME + " in " + runDirectory
                    + ": name the directory that sparkdp train wrote its metrics to");
        } catch (IOException e) {
            throw new StorageException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return parse(text.lines().toList(), path.toString());
    }

    /** Parses the lines of a metrics file; {@code source} names it in error messages. */
    public static RunMetrics parse(List<String> lines, String source) {
        JsonNode run = null;
        int resumes = 0;
        JsonNode end = null;
        Map<Long, JsonNode> rounds = new TreeMap<>();
        Map<Long, JsonNode> epochs = new TreeMap<>();
        String fragment = null;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode line = object(lines.get(i));
            if (line == null) {
                // Only a line cut off by a driver that died, and then continued by a resume, is forgiven.
                if (fragment != null) {
                    throw new BadDataException(fragment);
                }
                fragment = source + " line " + (i + 1) + " is not a JSON object: " + abbreviate(lines.get(i));
                continue;
            }
            String type = line.path("type").asText();
            if (fragment != null && !"resume".equals(type)) {
                throw new BadDataException(fragment);
            }
            fragment = null;
            if (run == null && !"run".equals(type)) {
                throw new BadDataException(source + " does not start with a \"run\" line; is it a sparkdp metrics file?");
            }
            switch (type) {
                case "run" -> run = line;
                case "resume" -> {
                    resumes++;
                    end = null; // the run went on after whatever end was written before
                }
                case "end" -> end = line;
                case "round" -> rounds.put(key(line, source, i), line);
                case "epoch" -> epochs.put((long) number(line, "epoch", source, i), line);
                default -> { } // kinds of line a later sparkdp may add
            }
        }
        if (fragment != null) {
            throw new BadDataException(fragment);
        }
        if (run == null) {
            throw new BadDataException(source + " is empty");
        }
        return new RunMetrics(run, resumes, new ArrayList<>(rounds.values()), new ArrayList<>(epochs.values()),
                Optional.ofNullable(end));
    }

    private static JsonNode object(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static long key(JsonNode line, String source, int index) {
        return ((long) number(line, "epoch", source, index) << 32) | number(line, "round", source, index);
    }

    private static int number(JsonNode line, String field, String source, int index) {
        JsonNode value = line.get(field);
        if (value == null || !value.canConvertToInt() || value.asInt() < 1) {
            throw new BadDataException(source + " line " + (index + 1) + " has no valid \"" + field + "\"");
        }
        return value.asInt();
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 60) + "...";
    }
}
