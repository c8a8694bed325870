package io.sparkdp.driver.config;

/**
 * How a run survives failures: where and how often it checkpoints, whether it resumes, and what
 * a diverged round does. Immutable and validated; defaults are in {@link #defaults()}.
 *
 * @param checkpointDir   directory of checkpoints on any Hadoop URI; {@value #AUTO} puts it beside
 *                        the output ({@code runs/cnn.zip} checkpoints to {@code runs/cnn.checkpoints}),
 *                        {@value #NONE} turns checkpoints off
 * @param checkpointEvery how often a checkpoint is written
 * @param keep            how many of the newest checkpoints are kept, at least 1
 * @param resumeMode      whether the run starts from the newest good checkpoint
 * @param onDivergence    what a round with a NaN or infinite loss or gradient does
 */
public record RecoveryConfig(String checkpointDir, CheckpointInterval checkpointEvery, int keep, Resume resumeMode,
                             Divergence onDivergence) {
    public static final String AUTO = "auto";
    public static final String NONE = "none";
    /** Rounds in a row that {@link Divergence#SKIP} may skip before the run stops anyway. */
    public static final int MAX_SKIPPED_IN_A_ROW = 10;

    /** Whether a run starts from a checkpoint. */
    public enum Resume {
        /** Start fresh; refuse a checkpoint directory that holds checkpoints unless the run may overwrite. */
        OFF,
        /** Start from the newest good checkpoint; fail if there is none. */
        REQUIRED,
        /** Start from the newest good checkpoint if there is one, else fresh. */
        IF_PRESENT
    }

    /** What a diverged round does. */
    public enum Divergence {
        /** Stop the run with an error naming the round. */
        STOP,
        /** Leave the model unchanged, warn, and go on with the next round. */
        SKIP
    }

    public RecoveryConfig {
        TrainConfig.require(checkpointDir != null && !checkpointDir.isBlank(),
                "--checkpoint-dir must be a URI, '" + AUTO + "' or '" + NONE + "'");
        TrainConfig.require(checkpointEvery != null, "--checkpoint-every is required");
        TrainConfig.require(keep >= 1, "--keep must be at least 1, got " + keep);
        TrainConfig.require(resumeMode != null, "resume mode is required");
        TrainConfig.require(onDivergence != null, "--on-divergence must be stop or skip");
    }

    /** Checkpoint beside the output after every epoch, keep 3, start fresh, stop on divergence. */
    public static RecoveryConfig defaults() {
        return new RecoveryConfig(AUTO, CheckpointInterval.epochs(1), 3, Resume.OFF, Divergence.STOP);
    }

    public boolean checkpointsEnabled() {
        return !NONE.equals(checkpointDir);
    }

    /** The checkpoint directory for a run writing {@code output}. */
    public String checkpointDirFor(String output) {
        if (!AUTO.equals(checkpointDir)) {
            return checkpointDir;
        }
        String base = output.endsWith(".zip") ? output.substring(0, output.length() - 4) : output;
        return base + ".checkpoints";
    }

    public RecoveryConfig withResume(Resume mode) {
        return new RecoveryConfig(checkpointDir, checkpointEvery, keep, mode, onDivergence);
    }

    public RecoveryConfig withCheckpointDir(String dir) {
        return new RecoveryConfig(dir, checkpointEvery, keep, resumeMode, onDivergence);
    }

    public RecoveryConfig withCheckpointEvery(CheckpointInterval every) {
        return new RecoveryConfig(checkpointDir, every, keep, resumeMode, onDivergence);
    }
}
