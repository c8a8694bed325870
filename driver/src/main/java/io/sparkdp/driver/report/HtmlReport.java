package io.sparkdp.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkdp.driver.model.ModelStore.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One self-contained HTML page about a training run: loss curves, accuracy per epoch, the
 * learning-rate schedule, throughput over time, the round-time breakdown, the last confusion
 * matrix, the configuration and the provenance. The charts are Apache ECharts, inlined with the
 * data, and the page's content security policy forbids every external load, so it opens offline.
 */
public final class HtmlReport {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z]+)}}");
    private static final int MAX_PHASE_BARS = 60;

    private HtmlReport() {
    }

    /** Reads {@code <runDirectory>/metrics.jsonl} and writes the page to {@code output}, both any Hadoop URI. */
    public static void write(Configuration conf, String runDirectory, String output) {
        String page = render(RunMetrics.read(conf, runDirectory), runDirectory);
        Path target = new Path(output);
        try {
            FileSystem fs = target.getFileSystem(conf);
            if (fs instanceof LocalFileSystem local) {
                fs = local.getRaw(); // a page on local disk needs no .crc file beside it
            }
            if (fs.exists(target) && fs.getFileStatus(target).isDirectory()) {
                throw new StorageException("report output " + output + " is a directory; name a file such as " + output + "/report.html");
            }
            Path temporary = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
            try (OutputStream out = fs.create(temporary, false)) {
                out.write(page.getBytes(StandardCharsets.UTF_8));
            }
            fs.delete(target, false);
            if (!fs.rename(temporary, target)) {
                throw new IOException("rename of " + temporary + " to " + target + " failed");
            }
        } catch (IOException e) {
            throw new StorageException("cannot write report " + output + ": " + e.getMessage(), e);
        }
    }

    /** The page for {@code metrics}, read from {@code source}. */
    public static String render(RunMetrics metrics, String source) {
        JsonNode config = metrics.run().path("config");
        String title = "sparkdp run: " + config.path("model").asText("?") + " on " + config.path("data").asText("?");
        Map<String, String> parts = Map.of(
                "TITLE", escape(title),
                "SUMMARY", escape(summary(metrics, source)),
                "CONFIG", table(config),
                "PROVENANCE", table(metrics.run().path("provenance")),
                "DATA", scriptSafe(ReportData.of(metrics, MAX_PHASE_BARS).toString()),
                // The build copies ECharts' minified file out of its webjar (driver/pom.xml).
                "ECHARTS", resource("echarts.min.js"));
        // One pass, so that nothing inserted is searched for placeholders again.
        Matcher placeholder = PLACEHOLDER.matcher(resource("report.html"));
        StringBuilder page = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(page, Matcher.quoteReplacement(parts.get(placeholder.group(1))));
        }
        return placeholder.appendTail(page).toString();
    }

    private static String summary(RunMetrics metrics, String source) {
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "%s: %s, %s, started %s", source,
                count(metrics.epochs().size(), "epoch"), count(metrics.rounds().size(), "round"),
                metrics.run().path("time").asText("?")));
        if (!metrics.epochs().isEmpty()) {
            JsonNode last = metrics.epochs().get(metrics.epochs().size() - 1);
            JsonNode accuracy = last.path("validation").path("accuracy");
            summary.append(String.format(Locale.ROOT, "; epoch %d: train loss %.4f", last.path("epoch").asInt(),
                    last.path("train_loss").asDouble()));
            if (accuracy.isNumber()) {
                summary.append(String.format(Locale.ROOT, ", validation accuracy %.4f", accuracy.asDouble()));
            }
        }
        if (metrics.resumes() > 0) {
            summary.append("; resumed ").append(count(metrics.resumes(), "time"));
        }
        metrics.end().ifPresent(end -> {
            if ("early_stopping".equals(end.path("reason").asText())) {
                summary.append("; early stopping after epoch ").append(end.path("epochs").asInt());
            }
            if (end.has("best_epoch")) {
                summary.append(String.format(Locale.ROOT, "; kept epoch %d (validation %s %.4f)", end.path("best_epoch").asInt(),
                        end.path("metric").asText(), end.path("best").asDouble()));
            }
        });
        return summary.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** A two-column table of a JSON object's fields, nested objects flattened as {@code outer.inner}. */
    private static String table(JsonNode object) {
        if (!object.isObject() || object.isEmpty()) {
            return "<p>(none recorded)</p>";
        }
        StringBuilder html = new StringBuilder("<table>\n");
        rows(object, "", html);
        return html.append("</table>").toString();
    }

    private static void rows(JsonNode object, String prefix, StringBuilder html) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = prefix + field.getKey();
            if (field.getValue().isObject() && !field.getValue().isEmpty()) {
                rows(field.getValue(), name + ".", html);
            } else {
                String value = field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString();
                html.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
            }
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** JSON inside a script element: "</" could close it early. */
    private static String scriptSafe(String json) {
        return json.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build; rebuild sparkdp");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
