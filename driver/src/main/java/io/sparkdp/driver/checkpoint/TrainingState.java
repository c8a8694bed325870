package io.sparkdp.driver.checkpoint;

import io.sparkdp.data.Normalizer;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.listen.EpochReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run stands between rounds: everything a checkpoint holds besides the network. A run
 * resumed from it continues exactly: the same epoch and round, hence the same data order, and
 * with the network's optimizer state and iteration count, the same learning-rate schedule
 * position. Immutable; each step returns the next state.
 *
 * @param formatVersion  layout version of this record, {@value #FORMAT}
 * @param epoch          the epoch in progress, from 0; equals the epoch count when training is done
 * @param round          the next round of {@code epoch} to run; the epoch's round count once its
 *                       rounds are done and only validation remains
 * @param roundsDone     rounds completed in the whole run, skipped ones included
 * @param tally          the totals of {@code epoch}'s rounds so far
 * @param skippedInARow  diverged rounds skipped in a row, up to now
 * @param history        reports of the completed epochs
 * @param earlyStopping  the best epoch so far and the epochs since, for early stopping
 * @param config         the run's full configuration
 * @param seeds          the run's seeds
 * @param normalizer     the fitted feature normalization, applied again when the run resumes
 * @param provenance     what produced the run
 */
public record TrainingState(int formatVersion, int epoch, int round, long roundsDone, EpochTally tally,
                            int skippedInARow, List<EpochReport> history, EarlyStoppingState earlyStopping,
                            TrainConfig config, RunSeeds seeds, Normalizer normalizer, Provenance provenance) {
    /** 2: the normalizer is the fitted one, not a description. */
    public static final int FORMAT = 2;

    /**
     * Running totals of one epoch's rounds.
     *
     * @param lossSum      sum of per-example training losses
     * @param examples     training examples seen
     * @param trainSeconds wall time of the rounds
     */
    public record EpochTally(double lossSum, long examples, double trainSeconds) {
        public static final EpochTally EMPTY = new EpochTally(0, 0, 0);

        public EpochTally plus(double meanLoss, long roundExamples, double seconds) {
            return new EpochTally(lossSum + meanLoss * roundExamples, examples + roundExamples, trainSeconds + seconds);
        }

        public double meanLoss() {
            return examples == 0 ? Double.NaN : lossSum / examples;
        }
    }

    /**
     * The run's seeds: every random choice derives from {@code root}.
     *
     * @param root       the root seed ({@code --seed})
     * @param derivation how the others derive from it
     */
    public record RunSeeds(long root, String derivation) {
        public static RunSeeds of(long root) {
            return new RunSeeds(root, "weights: root; validation split: Seeds.derive(root, 1); "
                    + "order of epoch e on shard s: Seeds.derive(root, 2, e, s)");
        }
    }

    public TrainingState {
        history = List.copyOf(history);
        earlyStopping = earlyStopping == null ? EarlyStoppingState.NONE : earlyStopping; // written before early stopping existed
        if (formatVersion != FORMAT) {
            throw new IllegalArgumentException("checkpoint format " + formatVersion + " is not the supported " + FORMAT);
        }
    }

    /** The state of a run that has not trained yet. */
    public static TrainingState fresh(TrainConfig config, Normalizer normalizer, Provenance provenance) {
        return new TrainingState(FORMAT, 0, 0, 0, EpochTally.EMPTY, 0, List.of(), EarlyStoppingState.NONE, config,
                RunSeeds.of(config.seed()), normalizer, provenance);
    }

    /** After a completed round. */
    public TrainingState afterRound(double meanLoss, long examples, double seconds) {
        return new TrainingState(FORMAT, epoch, round + 1, roundsDone + 1, tally.plus(meanLoss, examples, seconds), 0,
                history, earlyStopping, config, seeds, normalizer, provenance);
    }

    /** After a diverged round that was skipped, leaving the model unchanged. */
    public TrainingState afterSkippedRound() {
        return new TrainingState(FORMAT, epoch, round + 1, roundsDone + 1, tally, skippedInARow + 1, history, earlyStopping, config,
                seeds, normalizer, provenance);
    }

    /** After the epoch's validation: the next epoch starts at its first round; early stopping has seen the epoch. */
    public TrainingState afterEpoch(EpochReport report) {
        List<EpochReport> reports = new ArrayList<>(history);
        reports.add(report);
        EarlyStoppingState stopping = earlyStopping.after(report.epoch(), report.validation(), config.earlyStopping());
        return new TrainingState(FORMAT, epoch + 1, 0, roundsDone, EpochTally.EMPTY, skippedInARow, reports, stopping,
                config, seeds, normalizer, provenance);
    }

    /** The same state, for a run with this configuration and provenance (a resumed run's own). */
    public TrainingState continuedAs(TrainConfig newConfig, Provenance newProvenance) {
        return new TrainingState(FORMAT, epoch, round, roundsDone, tally, skippedInARow, history, earlyStopping, newConfig,
                seeds, normalizer, newProvenance);
    }

    /** Whether early stopping's patience has run out, so that no further epoch is trained. */
    public boolean stoppedEarly() {
        return earlyStopping.exhausted(config.earlyStopping());
    }

    /** Where the run stands, in a person's counting from 1: "start of epoch 3" or "epoch 3 after round 17". */
    public String position() {
        return round == 0 ? "start of epoch " + (epoch + 1) : "epoch " + (epoch + 1) + " after round " + round;
    }
}
