package io.sparkdp.driver.checkpoint;

import io.sparkdp.driver.config.ConfigJson;
import io.sparkdp.driver.model.ModelArchives;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.driver.model.ModelStore.StorageException;
import io.sparkdp.models.network.Network;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of checkpoints on any Hadoop FileSystem. Each checkpoint is a directory
 * {@code checkpoint-<rounds done>} holding {@code model.zip} (parameters, optimizer state,
 * iteration count), {@code state.json} ({@link TrainingState}), with early stopping the best
 * epoch's model as {@code best.zip}, when the strategy keeps driver state (the slow momentum of
 * {@code average}) that vector as {@code strategy.bin} (ND4J's binary array format), and
 * {@code manifest.json} (their SHA-256). It is written under a temporary name and renamed whole; then the {@code latest}
 * pointer, written aside and renamed over the old one, names it. Readers start from what
 * {@code latest} names and fall back to older checkpoints when that one fails verification.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    static final String PREFIX = "checkpoint-";
    static final String LATEST = "latest";
    static final String MODEL = "model.zip";
    static final String STATE = "state.json";
    static final String BEST = "best.zip";
    static final String STRATEGY = "strategy.bin";
    static final String MANIFEST = "manifest.json";
    private static final String TEMPORARY = ".tmp-";
    private static final Pattern NAME = Pattern.compile(PREFIX + "\\d{9}");

    private final Configuration conf;
    private final String uri;
    private final FileSystem fs;
    private final Path dir;

    public CheckpointStore(Configuration conf, String uri) {
        this.conf = conf;
        this.uri = uri;
        try {
            Path path = new Path(uri);
            this.fs = path.getFileSystem(conf);
            this.dir = fs.makeQualified(path);
        } catch (IOException | IllegalArgumentException e) {
            throw new StorageException("cannot use checkpoint directory " + uri + ": " + e.getMessage(), e);
        }
    }

    public String uri() {
        return uri;
    }

    /** Fails now, before training, unless the directory can be created and written. */
    public void checkWritable() {
        try {
            if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) {
                throw new StorageException("checkpoint directory " + uri + " is a file");
            }
            fs.mkdirs(dir);
            Path probe = new Path(dir, TEMPORARY + "probe-" + UUID.randomUUID());
            try (OutputStream out = fs.create(probe, false)) {
                out.write(0);
            }
            fs.delete(probe, false);
        } catch (IOException e) {
            throw new StorageException("cannot write checkpoint directory " + uri + ": " + ModelStore.reason(e), e);
        }
    }

    /** The checkpoints present, oldest first, whether or not they verify. */
    public List<String> names() {
        try {
            if (!fs.exists(dir)) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (FileStatus status : fs.listStatus(dir)) {
                String name = status.getPath().getName();
                if (status.isDirectory() && NAME.matcher(name).matches()) {
                    names.add(name);
                }
            }
            names.sort(Comparator.naturalOrder());
            return names;
        } catch (IOException e) {
            throw new StorageException("cannot list checkpoint directory " + uri + ": " + ModelStore.reason(e), e);
        }
    }

    /** The name {@code latest} points to, if it exists and names a checkpoint. */
    public Optional<String> latest() {
        Path pointer = new Path(dir, LATEST);
        try (InputStream in = fs.open(pointer)) {
            String name = new String(in.readNBytes(256), StandardCharsets.UTF_8).trim();
            return NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes a checkpoint of {@code state}, {@code network} and the best epoch's network when
     * there is one, then points {@code latest} at it.
     */
    public String write(TrainingState state, MultiLayerNetwork network, Optional<MultiLayerNetwork> best) {
        return write(state, Network.of(network), best.map(Network::of));
    }

    /**
     * Writes a checkpoint of {@code state}, {@code network} (of either kind) and the best epoch's
     * network when there is one, then points {@code latest} at it.
     */
    public String write(TrainingState state, Network network, Optional<Network> best) {
        return write(state, network, best, Optional.empty());
    }

    /**
     * Writes a checkpoint as {@link #write(TrainingState, Network, Optional)} does, with the
     * strategy's driver state when it keeps one.
     */
    public String write(TrainingState state, Network network, Optional<Network> best, Optional<INDArray> strategyState) {
        String name = String.format("%s%09d", PREFIX, state.roundsDone());
        Path temporary = new Path(dir, TEMPORARY + name + "-" + UUID.randomUUID());
        try {
            Manifest.Builder manifest = new Manifest.Builder();
            try (OutputStream out = manifest.track(MODEL, fs.create(new Path(temporary, MODEL), false))) {
                ModelArchives.write(network, out);
            }
            try (OutputStream out = manifest.track(STATE, fs.create(new Path(temporary, STATE), false))) {
                out.write(ConfigJson.write(state).getBytes(StandardCharsets.UTF_8));
            }
            if (best.isPresent()) {
                try (OutputStream out = manifest.track(BEST, fs.create(new Path(temporary, BEST), false))) {
                    ModelArchives.write(best.get(), out);
                }
            }
            if (strategyState.isPresent()) {
                try (OutputStream out = manifest.track(STRATEGY, fs.create(new Path(temporary, STRATEGY), false))) {
                    Nd4j.write(out, strategyState.get());
                }
            }
            writeText(new Path(temporary, MANIFEST), ConfigJson.write(manifest.build()));
            Path target = new Path(dir, name);
            if (fs.exists(target)) {
                fs.delete(target, true);
            }
            rename(temporary, target);
            Path pointer = new Path(dir, TEMPORARY + LATEST + "-" + UUID.randomUUID());
            writeText(pointer, name + "\n");
            FileContext.getFileContext(dir.toUri(), conf).rename(pointer, new Path(dir, LATEST), Options.Rename.OVERWRITE);
            return name;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            throw new StorageException("cannot write checkpoint " + name + " to " + uri + ": " + ModelStore.reason(e), e);
        }
    }

    /**
     * The newest checkpoint that verifies: the one {@code latest} names, else the newest older one
     * that verifies, with a warning for each one passed over. Empty if none verifies.
     */
    public Optional<Checkpoint> loadNewestGood() {
        List<String> names = names();
        Optional<String> latest = latest();
        if (latest.isEmpty() && !names.isEmpty()) {
            LOG.warn("checkpoint directory {} has no readable '{}' pointer; trying its checkpoints newest first", uri, LATEST);
        }
        List<String> candidates = new ArrayList<>(latest.map(l -> names.stream().filter(n -> n.compareTo(l) <= 0).toList())
                .orElse(names));
        if (latest.isPresent() && !candidates.contains(latest.get())) {
            LOG.warn("checkpoint {} named by '{}' in {} is missing; trying older checkpoints", latest.get(), LATEST, uri);
        }
        candidates.sort(Comparator.reverseOrder());
        for (String name : candidates) {
            try {
                return Optional.of(load(name));
            } catch (StorageException e) {
                LOG.warn("skipping checkpoint {}: {}; falling back to the one before it", name, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Reads and verifies one checkpoint; each file is read once. */
    public Checkpoint load(String name) {
        Path checkpoint = new Path(dir, name);
        try {
            Manifest manifest = ConfigJson.read(text(new Path(checkpoint, MANIFEST)), Manifest.class);
            byte[] model = bytes(new Path(checkpoint, MODEL));
            byte[] state = bytes(new Path(checkpoint, STATE));
            verify(manifest, MODEL, model);
            verify(manifest, STATE, state);
            TrainingState training = ConfigJson.read(new String(state, StandardCharsets.UTF_8), TrainingState.class);
            return new Checkpoint(name, training, network(name, MODEL, model), best(checkpoint, name, manifest, training),
                    strategyState(checkpoint, manifest));
        } catch (StorageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new StorageException("checkpoint " + name + " in " + uri + " is unreadable: " + ModelStore.reason(e), e);
        }
    }

    /** The best epoch's network, which the checkpoint holds exactly when its state names a best epoch. */
    private Optional<Network> best(Path checkpoint, String name, Manifest manifest, TrainingState state)
            throws IOException {
        boolean named = state.earlyStopping().best().isPresent();
        if (named != manifest.files().containsKey(BEST)) {
            throw new StorageException("checkpoint " + name + " in " + uri + (named ? " names a best epoch but has no " + BEST
                    : " has a " + BEST + " but names no best epoch"));
        }
        if (!named) {
            return Optional.empty();
        }
        byte[] best = bytes(new Path(checkpoint, BEST));
        verify(manifest, BEST, best);
        return Optional.of(network(name, BEST, best));
    }

    /** The strategy's driver state, when the manifest lists one. */
    private Optional<INDArray> strategyState(Path checkpoint, Manifest manifest) throws IOException {
        if (!manifest.files().containsKey(STRATEGY)) {
            return Optional.empty();
        }
        byte[] state = bytes(new Path(checkpoint, STRATEGY));
        verify(manifest, STRATEGY, state);
        return Optional.of(Nd4j.read(new java.io.ByteArrayInputStream(state)));
    }

    private Network network(String name, String file, byte[] zip) throws IOException {
        return ModelArchives.restore(uri + "/" + name + "/" + file, zip);
    }

    private static void verify(Manifest manifest, String file, byte[] content) throws IOException {
        Optional<String> mismatch = manifest.mismatch(file, new java.io.ByteArrayInputStream(content));
        if (mismatch.isPresent()) {
            throw new StorageException(mismatch.get());
        }
    }

    private byte[] bytes(Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            return in.readAllBytes();
        }
    }

    private String text(Path path) throws IOException {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /** Deletes all but the newest {@code keep} checkpoints up to {@code current}, never {@code current} itself. */
    public void prune(String current, int keep) {
        List<String> older = names().stream().filter(n -> n.compareTo(current) <= 0).toList();
        for (int i = 0; i < older.size() - keep; i++) {
            deleteQuietly(new Path(dir, older.get(i)));
        }
    }

    /** Removes unfinished writes and every checkpoint newer than {@code resumedFrom}: a resumed run redoes their work. */
    public void removeAfter(String resumedFrom) {
        removeUnfinished();
        for (String name : names()) {
            if (name.compareTo(resumedFrom) > 0) {
                LOG.warn("removing checkpoint {} from {}: it is newer than {}, which the run resumes from", name, uri, resumedFrom);
                deleteQuietly(new Path(dir, name));
            }
        }
    }

    /** Deletes every checkpoint, the pointer and unfinished writes: a fresh run that may overwrite starts clean. */
    public void clear() {
        names().forEach(name -> deleteQuietly(new Path(dir, name)));
        deleteQuietly(new Path(dir, LATEST));
        removeUnfinished();
    }

    private void removeUnfinished() {
        try {
            if (fs.exists(dir)) {
                for (FileStatus status : fs.listStatus(dir)) {
                    if (status.getPath().getName().startsWith(TEMPORARY)) {
                        deleteQuietly(status.getPath());
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {} to remove unfinished checkpoint writes: {}", uri, ModelStore.reason(e));
        }
    }

    private void writeText(Path path, String text) throws IOException {
        try (OutputStream out = fs.create(path, false)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("rename of " + from + " to " + to + " failed");
        }
    }

    private void deleteQuietly(Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", path, ModelStore.reason(e));
        }
    }
}
