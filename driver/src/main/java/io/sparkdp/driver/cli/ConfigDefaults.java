package io.sparkdp.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkdp.driver.config.ConfigJson;
import picocli.CommandLine;

/**
 * Supplies picocli's option defaults from a configuration record's {@code defaults()}, so each
 * default is declared once, in the record. Option {@code --batch-size} reads field {@code batchSize};
 * a field of a nested record serves an option of its own name ({@code recovery.keep} serves
 * {@code --keep}) or of its name after the record's ({@code earlyStopping.patience} serves
 * {@code --early-stopping-patience}).
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    private final JsonNode defaults;

    ConfigDefaults(Object defaults) {
        this.defaults = ConfigJson.tree(defaults);
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        if (!(argSpec instanceof CommandLine.Model.OptionSpec option)) {
            return null;
        }
        JsonNode value = lookup(defaults, fieldName(option.longestName()));
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            java.util.List<String> items = new java.util.ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return String.join(",", items);
        }
        return value.asText();
    }

    /**
     * The field named {@code name} at the top level, else in a nested record, under the same name
     * (e.g. {@code recovery.keep}) or under the rest of the name after the record's
     * ({@code earlyStoppingPatience} is {@code earlyStopping.patience}).
     */
    private static JsonNode lookup(JsonNode tree, String name) {
        JsonNode top = tree.get(name);
        if (top != null) {
            return top;
        }
        for (var fields = tree.fields(); fields.hasNext(); ) {
            var child = fields.next();
            if (!child.getValue().isObject()) {
                continue;
            }
            if (child.getValue().has(name)) {
                return child.getValue().get(name);
            }
            String prefix = child.getKey();
            if (name.length() > prefix.length() && name.startsWith(prefix)) {
                String rest = name.substring(prefix.length());
                String field = Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
                if (child.getValue().has(field)) {
                    return child.getValue().get(field);
                }
            }
        }
        return null;
    }

    static String fieldName(String optionName) {
        String bare = optionName.replaceFirst("^-+", "");
        StringBuilder field = new StringBuilder();
        boolean upper = false;
        for (char c : bare.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                field.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return field.toString();
    }
}
