package io.sparkdp.models;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A learning rate that warms up linearly over {@code warmup} steps, as {@link WarmupSchedule}
 * does, and then decays as {@link ScheduleConfig} describes. A schedule of its own rather than
 * ND4J's {@code StepSchedule} or {@code ExponentialSchedule} because it must compose with the
 * warmup and survive the network configuration's JSON, which is how executors receive it; and
 * ND4J 1.0.0-M2 has no cosine schedule.
 */
public final class DecaySchedule implements ISchedule {
    private static final long serialVersionUID = 1L;

    @JsonProperty("kind")
    private final String kind;
    @JsonProperty("rate")
    private final double rate;
    @JsonProperty("warmup")
    private final int warmup;
    @JsonProperty("decay")
    private final double decay;
    @JsonProperty("period")
    private final int period;
    @JsonProperty("total")
    private final int total;

    public DecaySchedule(@JsonProperty("kind") String kind, @JsonProperty("rate") double rate,
                         @JsonProperty("warmup") int warmup, @JsonProperty("decay") double decay,
                         @JsonProperty("period") int period, @JsonProperty("total") int total) {
        new ScheduleConfig(kind, decay, period, total);
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must be 0 or more steps, got " + warmup);
        }
        this.kind = kind;
        this.rate = rate;
        this.warmup = warmup;
        this.decay = decay;
        this.period = period;
        this.total = total;
    }

    /** The schedule of {@code config} from base rate {@code rate} after {@code warmup} steps. */
    static DecaySchedule of(ScheduleConfig config, double rate, int warmup) {
        return new DecaySchedule(config.kind(), rate, warmup, config.decay(), config.period(), config.total());
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmup) {
            return rate * (iteration + 1) / warmup;
        }
        int t = iteration - warmup;
        return switch (kind) {
            case "step" -> rate * Math.pow(decay, Math.floorDiv(t, period));
            case "exponential" -> rate * Math.pow(decay, t / (double) period);
            case "cosine" -> {
                int length = Math.max(1, total - warmup);
                yield rate * 0.5 * (1 + Math.cos(Math.PI * Math.min(t, length) / length));
            }
            default -> rate;
        };
    }

    @Override
    public ISchedule clone() {
        return new DecaySchedule(kind, rate, warmup, decay, period, total);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DecaySchedule that && kind.equals(that.kind) && Double.compare(rate, that.rate) == 0
                && warmup == that.warmup && Double.compare(decay, that.decay) == 0 && period == that.period
                && total == that.total;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, rate, warmup, decay, period, total);
    }

    @Override
    public String toString() {
        return "DecaySchedule(" + kind + ", rate=" + rate + ", warmup=" + warmup + ", decay=" + decay + ", period=" + period
                + ", total=" + total + ")";
    }
}
