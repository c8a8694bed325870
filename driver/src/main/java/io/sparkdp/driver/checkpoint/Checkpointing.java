package io.sparkdp.driver.checkpoint;

import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.model.ModelStore.StorageException;
import io.sparkdp.models.network.Network;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's checkpoint policy: where checkpoints go, where a run resumes from, and when one is
 * written. With checkpoints off ({@code --checkpoint-dir none}) it does nothing.
 * <p>
 * A checkpoint that cannot be written (storage down or full) does not stop training: the
 * failure is logged, the previous checkpoint stays the newest, and the next one is tried on
 * schedule. Nothing is lost beyond the work since the last checkpoint that was written.
 */
public final class Checkpointing {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointing.class);

    private final RecoveryConfig recovery;
    private final Optional<CheckpointStore> store;

    private Checkpointing(RecoveryConfig recovery, Optional<CheckpointStore> store) {
        this.recovery = recovery;
        this.store = store;
    }

    /** The policy of {@code config}; fails now if its checkpoint directory cannot be written. */
    public static Checkpointing open(TrainConfig config, Configuration hadoop) {
        RecoveryConfig recovery = config.recovery();
        if (!recovery.checkpointsEnabled()) {
            if (recovery.resumeMode() == RecoveryConfig.Resume.REQUIRED) {
                throw new IllegalArgumentException("--resume needs a checkpoint directory, but --checkpoint-dir is none");
            }
            return new Checkpointing(recovery, Optional.empty());
        }
        CheckpointStore store = new CheckpointStore(hadoop, recovery.checkpointDirFor(config.output()));
        store.checkWritable();
        return new Checkpointing(recovery, Optional.of(store));
    }

    /** Where checkpoints go, if anywhere. */
    public Optional<String> directory() {
        return store.map(CheckpointStore::uri);
    }

    /**
     * The checkpoint this run starts from, per its resume mode. A fresh run into a directory that
     * already holds checkpoints is refused, unless it may overwrite, in which case they are deleted.
     */
    public Optional<Checkpoint> resumePoint(boolean overwrite) {
        if (store.isEmpty()) {
            return Optional.empty();
        }
        CheckpointStore checkpoints = store.get();
        if (recovery.resumeMode() == RecoveryConfig.Resume.OFF) {
            startFresh(checkpoints, overwrite);
            return Optional.empty();
        }
        Optional<Checkpoint> found = checkpoints.loadNewestGood();
        if (found.isEmpty()) {
            if (recovery.resumeMode() == RecoveryConfig.Resume.REQUIRED) {
                throw new StorageException("nothing to resume: no good checkpoint in " + checkpoints.uri()
                        + " (pass --resume-if-present to start fresh when there is none)");
            }
            if (checkpoints.names().isEmpty()) {
                LOG.info("no checkpoint in {}: starting fresh", checkpoints.uri());
            } else {
                LOG.warn("none of the {} checkpoints in {} verifies: removing them and starting fresh",
                        checkpoints.names().size(), checkpoints.uri());
            }
            checkpoints.clear();
            return found;
        }
        checkpoints.removeAfter(found.get().name());
        LOG.info("resuming from checkpoint {} in {} at {}", found.get().name(), checkpoints.uri(),
                found.get().state().position());
        return found;
    }

    private static void startFresh(CheckpointStore checkpoints, boolean overwrite) {
        if (checkpoints.names().isEmpty() && checkpoints.latest().isEmpty()) {
            return;
        }
        if (!overwrite) {
            throw new StorageException("checkpoint directory " + checkpoints.uri() + " already holds checkpoints of a run;"
                    + " pass --resume to continue it, or --overwrite to start over");
        }
        LOG.warn("--overwrite: deleting the earlier run's checkpoints in {}", checkpoints.uri());
        checkpoints.clear();
    }

    /**
     * What a checkpoint saves besides the {@link TrainingState}.
     *
     * @param network       the driver's network
     * @param best          the best epoch's network, if any
     * @param strategyState the strategy's driver state ({@link io.sparkdp.driver.strategy.TrainingStrategy#state()}), if any
     */
    public record Saved(Network network, Optional<Network> best, Optional<INDArray> strategyState) {
    }

    /** Writes a checkpoint if one is due after a round. */
    public void afterRound(TrainingState state, Saved saved) {
        if (recovery.checkpointEvery().dueAfterRound(state.roundsDone())) {
            write(state, saved);
        }
    }

    /** Writes a checkpoint if one is due after an epoch. */
    public void afterEpoch(TrainingState state, Saved saved) {
        if (recovery.checkpointEvery().dueAfterEpoch(state.epoch())) {
            write(state, saved);
        }
    }

    private void write(TrainingState state, Saved saved) {
        store.ifPresent(checkpoints -> {
            try {
                TrainingState stamped = state.continuedAs(state.config(), state.provenance().stampedNow());
                String name = checkpoints.write(stamped, saved.network(), saved.best(), saved.strategyState());
                checkpoints.prune(name, recovery.keep());
                LOG.info("checkpoint {} written to {} ({})", name, checkpoints.uri(), state.position());
            } catch (StorageException e) {
                LOG.warn("checkpoint at {} not written, training goes on and the previous checkpoint stays the newest: {}",
                        state.position(), e.getMessage());
            }
        });
    }
}
