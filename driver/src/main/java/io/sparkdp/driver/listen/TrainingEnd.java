package io.sparkdp.driver.listen;

import java.util.Optional;

/**
 * How a training run ended, reported once after its last epoch.
 *
 * @param epochs   epochs trained in all, those before a resume included
 * @param reason   why training ended
 * @param patience early stopping's patience; 0 when it was off
 * @param kept     with early stopping on, the best epoch, whose model was saved as the output;
 *                 empty when it was off (the last epoch's model was saved)
 */
public record TrainingEnd(int epochs, Reason reason, int patience, Optional<BestEpoch> kept) {
    /** Why training ended. */
    public enum Reason {
        /** It ran the epochs asked for. */
        EPOCHS,
        /** The watched validation metric did not improve for {@code patience} epochs. */
        EARLY_STOPPING
    }

    /**
     * The epoch early stopping kept.
     *
     * @param epoch  the epoch, from 0
     * @param metric the watched validation metric: loss, accuracy or f1
     * @param value  its value after that epoch
     */
    public record BestEpoch(int epoch, String metric, double value) {
    }

    /** One line for a person, or empty when there is nothing to say beyond the epochs' own lines. */
    public Optional<String> describe() {
        if (kept.isEmpty()) {
            return reason == Reason.EARLY_STOPPING
                    ? Optional.of("early stopping: no finite validation metric in " + epochs + " epochs; stopped, keeping the last model")
                    : Optional.empty();
        }
        BestEpoch best = kept.get();
        String value = String.format(java.util.Locale.ROOT, "validation %s %.4f", best.metric(), best.value());
        if (reason == Reason.EARLY_STOPPING) {
            return Optional.of("early stopping: no improvement for " + patience + " epochs after epoch " + (best.epoch() + 1)
                    + " (" + value + "); stopped after epoch " + epochs + " and kept epoch " + (best.epoch() + 1) + "'s model");
        }
        return Optional.of("early stopping kept epoch " + (best.epoch() + 1) + "'s model (" + value + "), the best of " + epochs);
    }
}
