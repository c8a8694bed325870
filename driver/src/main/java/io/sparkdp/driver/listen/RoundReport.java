package io.sparkdp.driver.listen;

import io.sparkdp.worker.Phase;
import java.util.Map;

/**
 * One completed round.
 *
 * @param epoch    epoch, from 0
 * @param round    round within the epoch, from 0
 * @param rounds   rounds in this epoch
 * @param examples examples in the global minibatch
 * @param loss     mean training loss over them
 * @param millis   milliseconds per phase
 */
public record RoundReport(int epoch, int round, int rounds, long examples, double loss, Map<Phase, Double> millis) {
}
