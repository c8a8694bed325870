package io.sparkdp.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.activations.Activation;

/**
 * A model's arguments resolved: every argument the model declares, with the user's value where
 * one was given and the declared default otherwise, each checked against its {@link ModelArg.Kind}.
 */
public final class ModelArgs {
    private final String model;
    private final Map<String, String> values;

    private ModelArgs(String model, Map<String, String> values) {
        this.model = model;
        this.values = values;
    }

    /**
     * The arguments of {@code architecture} with {@code given} applied.
     *
     * @throws IllegalArgumentException in one line naming the model and its arguments, for an
     *                                  unknown key or a value of the wrong kind
     */
    public static ModelArgs resolve(Architecture architecture, Map<String, String> given) {
        Map<String, ModelArg> declared = new LinkedHashMap<>();
        architecture.arguments().forEach(arg -> declared.put(arg.name(), arg));
        for (String key : given.keySet()) {
            if (!declared.containsKey(key)) {
                throw new IllegalArgumentException(declared.isEmpty()
                        ? "model " + architecture.name() + " takes no --model-arg, got '" + key + "'"
                        : "model " + architecture.name() + " has no argument '" + key + "'; its arguments are "
                                + String.join(", ", declared.keySet()) + " (see 'sparkdp models')");
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (ModelArg arg : declared.values()) {
            values.put(arg.name(), given.getOrDefault(arg.name(), arg.defaultValue()).trim());
        }
        ModelArgs args = new ModelArgs(architecture.name(), values);
        declared.values().forEach(args::check);
        return args;
    }

    private void check(ModelArg arg) {
        switch (arg.kind()) {
            case SIZES -> sizes(arg.name());
            case POSITIVE -> positive(arg.name());
            case FRACTION -> fraction(arg.name());
            case ACTIVATION -> activation(arg.name());
            case POOLING -> pooling(arg.name());
            case SWITCH -> isOn(arg.name());
            case CELL -> cell(arg.name());
            case NUMBER -> number(arg.name());
            case WORD -> word(arg.name());
        }
    }

    /** The positive integers of a {@link ModelArg.Kind#SIZES} argument. */
    public int[] sizes(String name) {
        String text = value(name);
        try {
            int[] sizes = Arrays.stream(text.split(",", -1)).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (Arrays.stream(sizes).allMatch(size -> size > 0)) {
                return sizes;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed form
        }
        throw bad(name, ModelArg.Kind.SIZES);
    }

    /** A {@link ModelArg.Kind#POSITIVE} argument. */
    public int positive(String name) {
        int[] sizes = sizes(name);
        if (sizes.length != 1) {
            throw bad(name, ModelArg.Kind.POSITIVE);
        }
        return sizes[0];
    }

    /** A {@link ModelArg.Kind#FRACTION} argument. */
    public double fraction(String name) {
        try {
            double value = Double.parseDouble(value(name));
            if (value >= 0 && value < 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed form
        }
        throw bad(name, ModelArg.Kind.FRACTION);
    }

    /** An {@link ModelArg.Kind#ACTIVATION} argument. */
    public Activation activation(String name) {
        try {
            return Activations.named(value(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model " + model + ": --model-arg " + name + ": " + e.getMessage());
        }
    }

    /** Whether a {@link ModelArg.Kind#POOLING} argument asks for max pooling (else average). */
    public boolean maxPooling(String name) {
        return switch (value(name).toLowerCase(Locale.ROOT)) {
            case "max" -> true;
            case "avg", "average" -> false;
            default -> throw bad(name, ModelArg.Kind.POOLING);
        };
    }

    /** Whether a {@link ModelArg.Kind#SWITCH} argument is on. */
    public boolean isOn(String name) {
        return switch (value(name).toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw bad(name, ModelArg.Kind.SWITCH);
        };
    }

    /** A {@link ModelArg.Kind#CELL} argument: {@code lstm} or {@code gru}. */
    public String cell(String name) {
        String cell = value(name).toLowerCase(Locale.ROOT);
        if (!cell.equals("lstm") && !cell.equals("gru")) {
            throw bad(name, ModelArg.Kind.CELL);
        }
        return cell;
    }

    /** A {@link ModelArg.Kind#NUMBER} argument. */
    public double number(String name) {
        try {
            double value = Double.parseDouble(value(name));
            if (value > 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed form
        }
        throw bad(name, ModelArg.Kind.NUMBER);
    }

    /** A {@link ModelArg.Kind#WORD} argument, in lower case. */
    public String word(String name) {
        String value = value(name).toLowerCase(Locale.ROOT);
        if (value.isEmpty() || !value.chars().allMatch(Character::isLetterOrDigit)) {
            throw bad(name, ModelArg.Kind.WORD);
        }
        return value;
    }

    /**
     * A {@link ModelArg.Kind#WORD} argument that must be one of {@code choices}.
     *
     * @throws IllegalArgumentException in one line naming the choices
     */
    public String choice(String name, List<String> choices) {
        String value = word(name);
        if (!choices.contains(value)) {
            throw new IllegalArgumentException("model " + model + ": --model-arg " + name + " must be one of "
                    + String.join(", ", choices) + ", got '" + values.get(name) + "'");
        }
        return value;
    }

    private void pooling(String name) {
        maxPooling(name);
    }

    private String value(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("model " + model + " declares no argument '" + name + "'");
        }
        return value;
    }

    private IllegalArgumentException bad(String name, ModelArg.Kind kind) {
        return new IllegalArgumentException("model " + model + ": --model-arg " + name + " must be " + kind.allowed()
                + ", got '" + values.get(name) + "'");
    }

    /**
     * Parses {@code --model-arg} values: each is {@code key=value}, and a comma followed by
     * {@code key=} starts the next pair, so {@code hidden=512,256,dropout=0.3} holds two arguments.
     *
     * @throws IllegalArgumentException for text that is not {@code key=value} or a key given twice
     */
    public static Map<String, String> parse(List<String> texts) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String text : texts) {
            for (String pair : pairs(text)) {
                int equals = pair.indexOf('=');
                String key = equals < 0 ? "" : pair.substring(0, equals).trim().toLowerCase(Locale.ROOT);
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("--model-arg must be key=value, such as hidden=512,256, got '" + text + "'");
                }
                if (parsed.put(key, pair.substring(equals + 1).trim()) != null) {
                    throw new IllegalArgumentException("--model-arg " + key + " is given twice");
                }
            }
        }
        return parsed;
    }

    private static List<String> pairs(String text) {
        List<String> pairs = new ArrayList<>();
        for (String token : text.split(",", -1)) {
            if (token.contains("=") || pairs.isEmpty()) {
                pairs.add(token);
            } else {
                pairs.set(pairs.size() - 1, pairs.get(pairs.size() - 1) + "," + token);
            }
        }
        return pairs;
    }
}
