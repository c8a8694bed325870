package io.sparkdp.driver.listen;

import io.sparkdp.worker.Phase;
import java.util.Map;

/**
 * One completed round.
 *
 * @param epoch        epoch, from 0
 * @param round        round within the epoch, from 0
 * @param rounds       rounds in this epoch
 * @param examples     examples in the global minibatch
 * @param loss         mean training loss over them
 * @param learningRate the optimizer's step size in this round, after scaling and warmup
 * @param millis       milliseconds per phase
 */
public record RoundReport(int epoch, int round, int rounds, long examples, double loss, double learningRate,
                          Map<Phase, Double> millis) {
    public RoundReport {
        millis = Map.copyOf(millis);
    }

    /** Wall time of the round: the sum of its phases. */
    public double totalMillis() {
        return millis.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Training throughput of the round. */
    public double samplesPerSecond() {
        return examples / (totalMillis() / 1e3);
    }

    /** Milliseconds spent in {@code phase}, 0 when the round did not record it. */
    public double millis(Phase phase) {
        return millis.getOrDefault(phase, 0.0);
    }

    /** Whether this is the last round of its epoch. */
    public boolean lastOfEpoch() {
        return round == rounds - 1;
    }
}
