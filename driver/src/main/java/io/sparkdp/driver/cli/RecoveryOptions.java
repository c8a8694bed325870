package io.sparkdp.driver.cli;

import io.sparkdp.driver.config.CheckpointInterval;
import io.sparkdp.driver.config.RecoveryConfig;
import picocli.CommandLine.Option;

/** {@code train}'s options for checkpoints, resume and divergence; defaults come from {@link RecoveryConfig#defaults()}. */
final class RecoveryOptions {
    @Option(names = "--checkpoint-dir", paramLabel = "URI",
            description = "checkpoint directory on any Hadoop URI; auto = beside --output (<output>.checkpoints), none = off (default: ${DEFAULT-VALUE})")
    String checkpointDir;
    @Option(names = "--checkpoint-every", paramLabel = "N[epochs|rounds]",
            description = "checkpoint every N epochs (1epoch, 2epochs) or rounds (500rounds) (default: ${DEFAULT-VALUE})")
    String checkpointEvery;
    @Option(names = "--keep", paramLabel = "N", description = "newest checkpoints kept (default: ${DEFAULT-VALUE})")
    int keep;
    @Option(names = "--resume", description = "continue from the newest good checkpoint in --checkpoint-dir; fail if there is none")
    boolean resume;
    @Option(names = "--resume-if-present", description = "continue from the newest good checkpoint if there is one, else start fresh")
    boolean resumeIfPresent;
    @Option(names = "--on-divergence", paramLabel = "stop|skip",
            description = "a round with a NaN or infinite loss or gradient: stop the run, or skip the round leaving the model unchanged (default: ${DEFAULT-VALUE})")
    RecoveryConfig.Divergence onDivergence;

    RecoveryConfig toConfig() {
        RecoveryConfig.Resume mode = resumeIfPresent ? RecoveryConfig.Resume.IF_PRESENT
                : resume ? RecoveryConfig.Resume.REQUIRED : RecoveryConfig.Resume.OFF;
        return new RecoveryConfig(checkpointDir, CheckpointInterval.parse(checkpointEvery), keep, mode, onDivergence);
    }
}
