package io.sparkdp.models;

import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
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
 * @param learningRate     step size, positive and finite (adadelta adapts its own and ignores it)
 * @param warmupIterations optimizer steps over which the step size ramps linearly up to
 *                         {@code learningRate} (gradual warmup, Goyal et al. 2017, as a
 *                         {@link WarmupSchedule}); 0 for none
 * @param schedule         how the step size decays after the warmup
 */
public record OptimizerConfig(String name, double learningRate, int warmupIterations, ScheduleConfig schedule) {
    /** Optimizers sparkdp can build. */
    public static final List<String> NAMES = List.of("adam", "sgd", "momentum", "nesterov", "rmsprop", "adagrad", "adadelta");
    public static final String DEFAULT_NAME = "adam";
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** The momentum coefficient of {@code momentum} and {@code nesterov}. */
    public static final double MOMENTUM = 0.9;

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
        if (schedule == null) {
            throw new IllegalArgumentException("a learning-rate schedule is required; ScheduleConfig.none() for a constant rate");
        }
    }

    /** An optimizer with a warmup and a constant rate after it. */
    public OptimizerConfig(String name, double learningRate, int warmupIterations) {
        this(name, learningRate, warmupIterations, ScheduleConfig.none());
    }

    /** An optimizer without warmup. */
    public OptimizerConfig(String name, double learningRate) {
        this(name, learningRate, 0);
    }

    public static OptimizerConfig defaults() {
        return new OptimizerConfig(DEFAULT_NAME, DEFAULT_LEARNING_RATE);
    }

    /** The learning rate as a schedule that survives the configuration's JSON. */
    public ISchedule rate() {
        if (!schedule.isNone()) {
            return DecaySchedule.of(schedule, learningRate, warmupIterations);
        }
        return warmupIterations > 1 ? new WarmupSchedule(learningRate, warmupIterations) : new FixedSchedule(learningRate);
    }

    /** The DL4J updater configuration this optimizer stands for. */
    public IUpdater toUpdater() {
        ISchedule rate = rate();
        return switch (name) {
            case "adam" -> new Adam(rate);
            case "sgd" -> new Sgd(rate);
            case "momentum" -> new Momentum(rate, MOMENTUM);
            case "nesterov" -> new Nesterovs(rate, MOMENTUM);
            case "rmsprop" -> new RmsProp(rate);
            case "adagrad" -> new AdaGrad(rate);
            case "adadelta" -> new AdaDelta();
            default -> throw new IllegalStateException("unreachable: " + name);
        };
    }
}
