package io.sparkdp.models;

import java.util.List;
import java.util.Locale;

/**
 * How the learning rate decays after any warmup, in optimizer steps. With {@code t} the steps
 * taken since the warmup ended and {@code rate} the base rate:
 * <ul>
 *   <li>{@code none}: {@code rate};</li>
 *   <li>{@code step}: {@code rate * decay^floor(t / period)};</li>
 *   <li>{@code exponential}: {@code rate * decay^(t / period)}, a smooth decay by {@code decay} every {@code period} steps;</li>
 *   <li>{@code cosine}: {@code rate * (1 + cos(pi * t / T)) / 2} with {@code T = total - warmup} (Loshchilov
 *       and Hutter 2017, without restarts), 0 from step {@code total} on.</li>
 * </ul>
 *
 * @param kind   one of {@link #KINDS}
 * @param decay  factor per period for step and exponential, in (0, 1]
 * @param period steps per decay period for step and exponential, at least 1
 * @param total  steps of the whole run, which cosine decays over, at least 1
 */
public record ScheduleConfig(String kind, double decay, int period, int total) {
    public static final List<String> KINDS = List.of("none", "step", "exponential", "cosine");

    public ScheduleConfig {
        kind = kind == null ? "none" : kind.trim().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown learning-rate schedule '" + kind + "'; choose one of " + String.join(", ", KINDS));
        }
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("--lr-decay must be in (0, 1], got " + decay);
        }
        if (period < 1 || total < 1) {
            throw new IllegalArgumentException("a schedule's period and total must be at least 1 step, got " + period + " and " + total);
        }
    }

    /** A constant rate after any warmup. */
    public static ScheduleConfig none() {
        return new ScheduleConfig("none", 1, 1, 1);
    }

    public boolean isNone() {
        return "none".equals(kind);
    }
}
