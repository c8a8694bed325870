package io.sparkdp.driver.model;

import io.sparkdp.driver.config.ConfigJson;
import io.sparkdp.models.network.Network;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Saves and loads DL4J model zips on any Hadoop FileSystem URI. */
public final class ModelStore {
    private final Configuration conf;

    public ModelStore(Configuration conf) {
        this.conf = conf;
    }

    /**
     * Fails now, before any training, if {@code uri} cannot be written: it exists and
     * {@code overwrite} is off, or its directory cannot be created or written.
     */
    public void checkWritable(String uri, boolean overwrite) {
        Path target = path(uri);
        try {
            FileSystem fs = target.getFileSystem(conf);
            if (fs.exists(target)) {
                if (fs.getFileStatus(target).isDirectory()) {
                    throw new StorageException("output " + uri + " is a directory; name a file inside it");
                }
                if (!overwrite) {
                    throw new StorageException("output " + uri + " already exists; pass --overwrite to replace it");
                }
            }
            Path probe = sibling(target, "probe");
            fs.mkdirs(target.getParent());
            try (OutputStream out = fs.create(probe, false)) {
                out.write(0);
            }
            fs.delete(probe, false);
        } catch (IOException e) {
            throw new StorageException("cannot write output location " + uri + ": " + reason(e), e);
        }
    }

    /** Writes {@code network} with its optimizer state, atomically replacing whatever was at {@code uri}. */
    public void save(MultiLayerNetwork network, String uri) {
        save(Network.of(network), Optional.empty(), uri);
    }

    /** Writes {@code network} with its optimizer state and sparkdp's metadata, atomically replacing {@code uri}. */
    public void save(MultiLayerNetwork network, ModelMetadata metadata, String uri) {
        save(Network.of(network), Optional.of(metadata), uri);
    }

    /** Writes {@code network}, of either kind, with its optimizer state and sparkdp's metadata, atomically replacing {@code uri}. */
    public void save(Network network, ModelMetadata metadata, String uri) {
        save(network, Optional.of(metadata), uri);
    }

    private void save(Network network, Optional<ModelMetadata> metadata, String uri) {
        replace(uri, "model", out -> {
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            ModelArchives.write(network, zip);
            byte[] bytes = zip.toByteArray();
            if (metadata.isPresent()) {
                bytes = ModelArchives.withEntry(bytes, ModelMetadata.ENTRY,
                        ConfigJson.write(metadata.get()).getBytes(StandardCharsets.UTF_8));
            }
            out.write(bytes);
        });
    }

    /** Writes {@code text} as UTF-8, atomically replacing whatever was at {@code uri}. */
    public void saveText(String text, String uri) {
        replace(uri, "file", out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** What writes a file's content. */
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes under a temporary name beside {@code uri}, then renames it over whatever was there. */
    private void replace(String uri, String what, Content content) {
        Path target = path(uri);
        try {
            FileSystem fs = target.getFileSystem(conf);
            Path temporary = sibling(target, "tmp");
            try (OutputStream out = fs.create(temporary, false)) {
                content.writeTo(out);
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(temporary, target)) {
                throw new IOException("rename of " + temporary + " to " + target + " failed");
            }
        } catch (IOException e) {
            throw new StorageException("cannot save " + what + " to " + uri + ": " + reason(e), e);
        }
    }

    /**
     * A model of either kind and, where sparkdp wrote it, its metadata.
     *
     * @param model    the network with its optimizer state
     * @param metadata what sparkdp saved beside it
     */
    public record StoredModel(Network model, Optional<ModelMetadata> metadata) {
    }

    /**
     * Loads a model zip with its optimizer state and sparkdp's metadata, if it has any; refuses
     * one with Java-serialized entries ({@link ModelArchives}).
     */
    public StoredModel loadStored(String uri) {
        return read(uri, zip -> {
            Map<String, byte[]> entries = ModelArchives.entries(uri, zip, ModelArchives.ARRAYS);
            return new StoredModel(ModelArchives.restore(zip, entries), metadata(entries));
        });
    }

    /**
     * Loads a model zip for inference: its network without the optimizer state, read faster than
     * {@link #loadStored} ({@link ModelArchives#restoreForInference}), and sparkdp's metadata.
     * Its outputs are those of the model {@link #loadStored} returns.
     */
    public StoredModel loadForInference(String uri) {
        return read(uri, zip -> {
            Map<String, byte[]> entries = ModelArchives.entries(uri, zip, Set.of(ModelArchives.UPDATER_STATE));
            return new StoredModel(ModelArchives.restoreForInference(zip, entries), metadata(entries));
        });
    }

    private static Optional<ModelMetadata> metadata(Map<String, byte[]> entries) {
        return Optional.ofNullable(entries.get(ModelMetadata.ENTRY))
                .map(json -> ConfigJson.read(new String(json, StandardCharsets.UTF_8), ModelMetadata.class));
    }

    /** How a model zip's bytes become a model; may fail with an I/O error. */
    private interface ZipReader {
        StoredModel read(byte[] zip) throws IOException;
    }

    private StoredModel read(String uri, ZipReader reader) {
        Path source = path(uri);
        try (InputStream in = source.getFileSystem(conf).open(source)) {
            return reader.read(in.readAllBytes());
        } catch (FileNotFoundException e) {
            throw new StorageException("model not found: " + uri);
        } catch (StorageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new StorageException("cannot read model " + uri + " (not a sparkdp/DL4J model zip?): " + reason(e), e);
        }
    }

    /**
     * The UTF-8 text of a file.
     *
     * @throws StorageException in one line naming {@code what} the file is, when it is missing or unreadable
     */
    public String loadText(String uri, String what) {
        Path source = path(uri);
        try (InputStream in = source.getFileSystem(conf).open(source)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            throw new StorageException(what + " not found: " + uri);
        } catch (IOException e) {
            throw new StorageException("cannot read " + what + " " + uri + ": " + reason(e), e);
        }
    }

    private static Path path(String uri) {
        try {
            return new Path(uri);
        } catch (IllegalArgumentException e) {
            throw new StorageException("not a valid path or URI: '" + uri + "'");
        }
    }

    private static Path sibling(Path target, String role) {
        return new Path(target.getParent(), "." + target.getName() + "." + role + "-" + UUID.randomUUID());
    }

    /** The first line of a failure's message (or its type, when it has none): what a one-line error shows. */
    public static String reason(Throwable e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A model location that cannot be read or written; the message says which and why. */
    public static final class StorageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StorageException(String message) {
            super(message);
        }

        public StorageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
