package io.sparkdp.driver.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a checkpoint came from: enough to tell, months later, which code, libraries, machine and
 * data produced it.
 *
 * @param sparkdpVersion sparkdp's version
 * @param gitCommit      the commit sparkdp was built from ("-dirty" if the tree had changes)
 * @param sparkVersion   Spark's version on the driver
 * @param dl4jVersion    DL4J's version
 * @param nd4jVersion    ND4J's version
 * @param nd4jBackend    ND4J's backend and BLAS
 * @param jvm            Java vendor and version
 * @param os             operating system and architecture
 * @param data           the data the run reads, with record counts
 * @param createdAt      when the checkpoint was written (UTC, ISO-8601)
 * @param initModel      the trained model a transfer-learning run started from; empty for a run
 *                       that started from a fresh network (and in provenance written before transfer
 *                       learning existed)
 */
public record Provenance(String sparkdpVersion, String gitCommit, String sparkVersion, String dl4jVersion,
                         String nd4jVersion, String nd4jBackend, String jvm, String os, List<DataSource> data,
                         String createdAt, Optional<InitModel> initModel) {

    /**
     * One data source of the run.
     *
     * @param role    "training" or "validation"
     * @param uri     its location as the user gave it
     * @param records records the run uses from it
     */
    public record DataSource(String role, String uri, long records) {
    }

    /**
     * The model a run started from.
     *
     * @param uri    where it was read, as the user gave it
     * @param source {@code model zip}, or the name of the checkpoint read
     * @param sha256 SHA-256 of the model zip read
     */
    public record InitModel(String uri, String source, String sha256) {
    }

    public Provenance {
        data = List.copyOf(data);
        initModel = initModel == null ? Optional.empty() : initModel;
    }

    /** The same provenance, recording that the run started from {@code model}. */
    public Provenance withInitModel(Optional<InitModel> model) {
        return new Provenance(sparkdpVersion, gitCommit, sparkVersion, dl4jVersion, nd4jVersion, nd4jBackend, jvm, os, data,
                createdAt, model);
    }

    /** This process's provenance, for a run reading {@code data}. */
    public static Provenance current(String sparkVersion, List<DataSource> data) {
        return new Provenance(BuildInfo.version(), BuildInfo.commit(), sparkVersion,
                BuildInfo.artifactVersion("org.deeplearning4j", "deeplearning4j-nn"),
                BuildInfo.artifactVersion("org.nd4j", "nd4j-api"), backend(),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                data, Instant.now().toString(), Optional.empty());
    }

    /** The same provenance, stamped now. */
    public Provenance stampedNow() {
        return new Provenance(sparkdpVersion, gitCommit, sparkVersion, dl4jVersion, nd4jVersion, nd4jBackend, jvm, os,
                data, Instant.now().toString(), initModel);
    }

    private static String backend() {
        var info = Nd4j.getExecutioner().getEnvironmentInformation();
        return Nd4j.getBackend().getClass().getSimpleName() + " (" + info.getProperty("backend", BuildInfo.UNKNOWN)
                + ", BLAS " + info.getProperty("blas.vendor", BuildInfo.UNKNOWN) + ")";
    }
}
