package io.sparkdp.driver.model;

import io.sparkdp.driver.checkpoint.Checkpoint;
import io.sparkdp.driver.checkpoint.CheckpointStore;
import io.sparkdp.driver.checkpoint.Provenance;
import io.sparkdp.models.network.Network;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The trained model a transfer-learning run starts from ({@code --init-from}), read from any
 * Hadoop URI: a model zip, a checkpoint directory (its newest checkpoint that verifies, as a
 * resume would pick) or one checkpoint directory inside it.
 *
 * @param network the trained network with its parameters
 * @param origin  what it is, for the run's provenance
 */
public record InitModel(Network network, Provenance.InitModel origin) {
    private static final String CHECKPOINT_MODEL = "model.zip";

    /**
     * Reads the model at {@code uri}.
     *
     * @throws ModelStore.StorageException in one line when it is missing, unreadable or holds no good checkpoint
     */
    public static InitModel load(String uri, Configuration hadoop) {
        try {
            Path path = new Path(uri);
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) {
                throw new ModelStore.StorageException("init model not found: " + uri);
            }
            if (!fs.getFileStatus(path).isDirectory()) {
                byte[] zip = read(fs, path);
                return new InitModel(ModelArchives.restore(uri, zip), new Provenance.InitModel(uri, "model zip", sha256(zip)));
            }
            Checkpoint checkpoint = fs.exists(new Path(path, CHECKPOINT_MODEL))
                    ? new CheckpointStore(hadoop, path.getParent().toString()).load(path.getName())
                    : new CheckpointStore(hadoop, uri).loadNewestGood().orElseThrow(() -> new ModelStore.StorageException(
                    "init model " + uri + " is a directory with no good checkpoint in it; name a model zip or a checkpoint directory"));
            Path zip = fs.exists(new Path(path, CHECKPOINT_MODEL)) ? new Path(path, CHECKPOINT_MODEL)
                    : new Path(new Path(path, checkpoint.name()), CHECKPOINT_MODEL);
            return new InitModel(checkpoint.model(), new Provenance.InitModel(uri, checkpoint.name(), sha256(read(fs, zip))));
        } catch (FileNotFoundException e) {
            throw new ModelStore.StorageException("init model not found: " + uri);
        } catch (ModelStore.StorageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelStore.StorageException("cannot read init model " + uri + " (not a sparkdp/DL4J model zip or"
                    + " checkpoint?): " + ModelStore.reason(e), e);
        }
    }

    private static byte[] read(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
