package io.sparkdp.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkdp.driver.config.ConfigJson;
import picocli.CommandLine;

/**
 * Supplies picocli's option defaults from a configuration record's {@code defaults()}, so each
 * default is declared once, in the record. Option {@code --batch-size} reads field {@code batchSize}.
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
        JsonNode value = defaults.get(fieldName(option.longestName()));
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
