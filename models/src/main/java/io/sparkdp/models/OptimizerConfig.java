package io.sparkdp.models;

import java.util.Locale;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The optimizer that updates the parameters, as the user names it.
 *
 * @param name             one of {@link #NAMES}
 * @param learningRate     step size, positive and finite
 * @param warmupIterations optimizer steps over which the step size ramps linearly up to
 *                         {@code learningRate} (gradual warmup, Goyal et al. 2017, as a
 *                         {@link WarmupSchedule}); 0 for none
 */
public record OptimizerConfig(String name, double learningRate, int warmupIterations) {
    /** Optimizers sparkdp can build. */
    public static final java.util.List<String> NAMES = java.util.List.of("adam", "sgd", "momentum", "rmsprop");
    public static final String DEFAULT_NAME = "adam";
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    public OptimizerConfig {
        name = name == null ? DEFAULT_NAME : name.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'; choose one of " + String.join(", ", NAMES));
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        if (warmupIterations < 0) {
            throw new IllegalArgumentException("warmup must be 0 or more iterations, got " + warmupIterations);
        }
    }

    /** An optimizer without warmup. */
    public OptimizerConfig(String name, double learningRate) {
        this(name, learningRate, 0);
    }

    public static OptimizerConfig defaults() {
        return new OptimizerConfig(DEFAULT_NAME, DEFAULT_LEARNING_RATE);
    }

    /** The DL4J updater configuration this optimizer stands for. */
    public IUpdater toUpdater() {
        ISchedule rate = warmupIterations > 1
                ? new WarmupSchedule(learningRate, warmupIterations)
                : new FixedSchedule(learningRate);
        return switch (name) {
            case "adam" -> new Adam(rate);
            case "sgd" -> new Sgd(rate);
            case "momentum" -> new Nesterovs(rate, 0.9);
            case "rmsprop" -> new RmsProp(rate);
            default -> throw new IllegalStateException("unreachable: " + name);
        };
    }
}
