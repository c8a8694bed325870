package io.sparkdp.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * {@code images:<dir>}: a directory with one subfolder per class, named for it, holding PNG,
 * JPEG, BMP or GIF files (in nested folders too). Class indices follow the folder names in
 * sorted order, and the names are saved with the model. The driver lists the files; executors
 * read and decode them partition by partition, so no more than one partition's images are
 * decoded at a time, and what is kept is 8-bit gray, resized to the data set's size.
 * <p>
 * A file that does not decode is skipped and counted ({@link BadRecords}); more than
 * {@link DataConfig#maxBadFraction()} of them fail the job.
 */
public final class ImageFolderData implements InputData {
    public static final String PREFIX = "images:";
    /** File name endings read as images; other files (a README, a checksum list) are not records. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    /** Files decoded per partition at most: bounds the memory of reading one partition. */
    static final int FILES_PER_PARTITION = 4096;
    /** A file larger than this is not read into memory, but counted as bad. */
    static final long MAX_FILE_BYTES = 64L << 20;

    private final String spec;
    private final List<ImageFile> files;
    private final DataSchema schema;
    private final DataConfig config;

    /** One image file, its length in bytes as listed, and the index of its class folder. */
    public record ImageFile(String path, long length, int label) implements Serializable {
    }

    private ImageFolderData(String spec, List<ImageFile> files, DataSchema schema, DataConfig config) {
        this.spec = spec;
        this.files = List.copyOf(files);
        this.schema = schema;
        this.config = config;
    }

    /** Lists the class folders and their images, and settles the image size. */
    public static ImageFolderData open(String spec, DataConfig config, Configuration conf) {
        String root = spec.substring(PREFIX.length());
        if (root.isBlank()) {
            throw new BadDataException("no directory in '" + spec + "': use images:<dir of class folders>");
        }
        try {
            Path path = new Path(root);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus status = fs.getFileStatus(path);
            if (!status.isDirectory()) {
                throw new BadDataException(root + " is a file; images: needs a directory with one folder per class");
            }
            FileStatus[] classes = Arrays.stream(fs.listStatus(path))
                    .filter(s -> s.isDirectory() && DataFiles.visible(s.getPath().getName()))
                    .sorted(Comparator.comparing(s -> s.getPath().getName()))
                    .toArray(FileStatus[]::new);
            if (classes.length == 0) {
                throw new BadDataException("no class folders in " + root + ": images: needs one subfolder per class");
            }
            List<String> names = Arrays.stream(classes).map(s -> s.getPath().getName()).toList();
            List<ImageFile> files = new ArrayList<>();
            for (int label = 0; label < classes.length; label++) {
                files.addAll(list(fs, classes[label].getPath(), label));
            }
            int[] size = config.autoImageSize() ? firstImageSize(fs, files) : new int[] {config.imageHeight(), config.imageWidth()};
            return new ImageFolderData(spec, files, new DataSchema(config.channels(), size[0], size[1], true, names), config);
        } catch (IOException | IllegalArgumentException e) {
            throw DataFiles.listingFailed(root, e);
        }
    }

    private static List<ImageFile> list(FileSystem fs, Path classDir, int label) throws IOException {
        List<ImageFile> images = new ArrayList<>();
        ImageListing.addImages(fs, classDir, label, images);
        if (images.isEmpty()) {
            throw new BadDataException("class folder " + classDir + " holds no images (" + String.join(", ",
                    EXTENSIONS.stream().sorted().toList()) + ")");
        }
        images.sort(Comparator.comparing(ImageFile::path));
        return images;
    }

    /**
     * Every image file under {@code location}, at any depth, in path order, with label 0: the
     * files {@code sparkdp score} reads, which need no class folders. Listed on the driver, as
     * training lists them ({@link ImageListing}).
     */
    public static List<ImageFile> listAll(String location, Configuration conf) {
        try {
            Path path = new Path(location);
            FileSystem fs = path.getFileSystem(conf);
            Path root = fs.makeQualified(path);
            List<ImageFile> images = new ArrayList<>();
            if (fs.getFileStatus(root).isDirectory()) {
                ImageListing.addImages(fs, root, 0, images);
            } else {
                images.add(new ImageFile(root.toString(), fs.getFileStatus(root).getLen(), 0));
            }
            images.sort(Comparator.comparing(ImageFile::path));
            return images;
        } catch (IOException | IllegalArgumentException e) {
            throw DataFiles.listingFailed(location, e);
        }
    }

    /**
     * The bytes of a listed image file. A local file is read with {@code java.nio}: Hadoop's local
     * file system looks for a {@code .crc} file beside every file it opens (which only files that
     * Hadoop wrote have) and allocates a fresh stream buffer, five times the CPU time of reading a
     * small image (30 against 6 microseconds here). A qualified local name ({@code file:/...}, as
     * listings name files) is turned into the file's path without parsing it as a Hadoop
     * {@link Path} (a URI parse and a regular expression per file).
     *
     * @throws BadDataException if it is larger than {@value #MAX_FILE_BYTES} bytes
     * @throws IOException      if it cannot be read
     */
    public static byte[] read(FileSystem fs, ImageFile file) throws IOException {
        if (file.length() > MAX_FILE_BYTES) {
            throw new BadDataException("file of " + file.length() + " bytes is larger than the " + MAX_FILE_BYTES + " read at most");
        }
        if (fs instanceof LocalFileSystem local) {
            String name = file.path();
            return java.nio.file.Files.readAllBytes(name.startsWith("file:/") && !name.startsWith("file://")
                    ? java.nio.file.Path.of(name.substring("file:".length())) : local.pathToFile(new Path(name)).toPath());
        }
        Path path = new Path(file.path());
        try (InputStream in = fs.open(path)) {
            return in.readAllBytes();
        }
    }

    /** The size of the first image whose header reads, as {@code {height, width}}. */
    private static int[] firstImageSize(FileSystem fs, List<ImageFile> files) {
        for (ImageFile file : files.subList(0, Math.min(files.size(), 10))) {
            try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(read(fs, file)))) {
                Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
                if (readers.hasNext()) {
                    ImageReader reader = readers.next();
                    try {
                        reader.setInput(in, true, true);
                        return new int[] {reader.getHeight(0), reader.getWidth(0)};
                    } finally {
                        reader.dispose();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // try the next one: a corrupt first file must not decide the size
            }
        }
        throw new BadDataException("cannot read the size of the first images of the data; pass --image-size HxW");
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public DataSchema schema() {
        return schema;
    }

    /** Files listed, readable or not. */
    public int files() {
        return files.size();
    }

    @Override
    public Split split(JavaSparkContext sc, SplitRequest request) {
        return ShardAssembler.split(ShardAssembler.count(source(sc), config.maxBadFraction(), spec), request, schema);
    }

    @Override
    public JavaRDD<ExampleBlock> all(JavaSparkContext sc, int parts) {
        return ShardAssembler.count(source(sc), config.maxBadFraction(), spec).blocks();
    }

    /** The files read and decoded on the executors, one block per partition, in listing order. */
    JavaRDD<SourceBlock> source(JavaSparkContext sc) {
        int parts = Math.max(1, Math.max(sc.defaultParallelism(), ceilDiv(files.size(), FILES_PER_PARTITION)));
        Broadcast<HadoopConf> conf = sc.broadcast(new HadoopConf(sc.hadoopConfiguration()));
        ImageDecoder decoder = new ImageDecoder(schema.height(), schema.width(), schema.channels());
        int classes = schema.numClasses();
        return sc.parallelize(files, Math.min(parts, files.size()))
                .mapPartitionsWithIndex((p, it) -> List.of(decode(p, it, decoder, classes, conf.value().get())).iterator(), true)
                .setName("sparkdp images of " + spec);
    }

    private static SourceBlock decode(int partition, Iterator<ImageFile> files, ImageDecoder decoder, int classes,
                                      Configuration conf) throws IOException {
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        List<Integer> labels = new ArrayList<>();
        BadRecords bad = BadRecords.none();
        FileSystem fs = null;
        while (files.hasNext()) {
            ImageFile file = files.next();
            fs = fs != null ? fs : new Path(file.path()).getFileSystem(conf);
            try {
                pixels.write(decoder.pixels(read(fs, file)));
                labels.add(file.label());
            } catch (BadDataException e) {
                bad = bad.plus(file.path(), e.getMessage());
            }
        }
        int featureSize = decoder.values();
        return new SourceBlock(ExampleBlock.ofPixels(partition, featureSize, classes, pixels.toByteArray(),
                labels.stream().mapToInt(Integer::intValue).toArray()), bad);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
