package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.ImageFolderData.ImageFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local {@code java.nio} walk lists exactly what Hadoop's {@code listStatus} lists, named alike. */
class ImageListingTest {
    @TempDir
    Path dir;

    @Test
    void theLocalWalkListsWhatHadoopListsUnderTheSameNames() throws IOException {
        Path root = dir.resolve("in put");
        write(root.resolve("a/b/c/deep.png"), 3);
        write(root.resolve("a/UPPER.JPG"), 5);
        write(root.resolve("a/with space é 100%.png"), 7);
        write(root.resolve("a/hash#and+plus=.gif"), 11);
        write(root.resolve("a/notes.txt"), 13);
        write(root.resolve("a/.hidden.png"), 17);
        write(root.resolve("a/_SUCCESS.png"), 19);
        write(root.resolve("_skipped/inside.png"), 23);
        write(root.resolve(".cache/inside.png"), 29);
        write(root.resolve("top.bmp"), 31);
        write(root.resolve("noextension"), 37);
        Files.createDirectories(root.resolve("empty"));
        Path outside = dir.resolve("linked");
        write(outside.resolve("via-link.jpeg"), 41);
        Files.createSymbolicLink(root.resolve("link"), outside);

        LocalFileSystem fs = FileSystem.getLocal(new Configuration());
        org.apache.hadoop.fs.Path qualified = fs.makeQualified(new org.apache.hadoop.fs.Path(root.toUri()));
        List<ImageFile> walked = new ArrayList<>();
        ImageListing.addImages(fs, qualified, 4, walked);
        List<ImageFile> listed = new ArrayList<>();
        ImageListing.listRemote(fs, qualified, 4, listed);

        assertEquals(sorted(listed), sorted(walked));
        assertEquals(6, walked.size());
        assertTrue(walked.stream().anyMatch(f -> f.path().endsWith("/link/via-link.jpeg") && f.length() == 41));
        for (ImageFile file : walked) {
            assertEquals(file.length(), ImageFolderData.read(fs, file).length, file.path());
        }
    }

    @Test
    void aLinkBackUpTheTreeIsListedOnce() throws IOException {
        Path root = dir.resolve("loop");
        write(root.resolve("x/one.png"), 2);
        Files.createSymbolicLink(root.resolve("x/up"), root);
        LocalFileSystem fs = FileSystem.getLocal(new Configuration());
        List<ImageFile> walked = new ArrayList<>();
        ImageListing.addImages(fs, fs.makeQualified(new org.apache.hadoop.fs.Path(root.toUri())), 0, walked);
        assertEquals(1, walked.size());
    }

    private static List<ImageFile> sorted(List<ImageFile> files) {
        return files.stream().sorted(Comparator.comparing(ImageFile::path)).toList();
    }

    private static void write(Path file, int bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }
}
