package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The fast gray PNG path against {@code javax.imageio} as the oracle: every PNG it decodes must
 * come out level for level the same, as floats for scoring and as bytes for training's cache,
 * and everything else must be declined, not guessed.
 */
class GrayPngTest {
    private static final int H = 28;
    private static final int W = 28;

    /** A smooth image with noise, so that the JDK's writer picks a mix of the five row filters. */
    private static byte[] photoLike(long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[H * W];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                pixels[y * W + x] = (byte) Math.min(255, Math.max(0, 4 * x + 3 * y + random.nextInt(41) - 20));
            }
        }
        return pixels;
    }

    /** The gray levels as {@code javax.imageio} reads them. */
    private static byte[] imageIo(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
            return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float[] oracle(byte[] png) {
        byte[] pixels = imageIo(png);
        float[] out = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = ExampleBlock.scale(pixels[i]);
        }
        return out;
    }

    private static float[] fast(byte[] png) {
        float[] out = new float[H * W + 3];
        assertTrue(GrayPng.decodeInto(png, H, W, out, 3), "taken by the fast path");
        return Arrays.copyOfRange(out, 3, out.length);
    }

    @Test
    void pngsWrittenByTheJdkDecodeToTheSameLevels() throws IOException {
        for (long seed = 0; seed < 50; seed++) {
            byte[] pixels = photoLike(seed);
            BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
            System.arraycopy(pixels, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, pixels.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            assertArrayEquals(oracle(out.toByteArray()), fast(out.toByteArray()), "seed " + seed);
            assertArrayEquals(pixels, GrayPng.levels(out.toByteArray(), H, W).orElseThrow(), "levels, seed " + seed);
            assertArrayEquals(pixels, new ImageDecoder(H, W).pixels(out.toByteArray()), "the decoder's bytes, seed " + seed);
        }
    }

    @Test
    void everyRowFilterSplitDataAndAncillaryChunksDecodeToTheSameLevels() throws IOException {
        byte[] pixels = photoLike(7);
        for (int filter = 0; filter <= 4; filter++) {
            byte[] png = Png.gray(pixels, filter, 3, true);
            assertArrayEquals(pixels, imageIo(png), "the hand-made PNG is valid, filter " + filter);
            assertArrayEquals(pixels, GrayPng.levels(png, H, W).orElseThrow(), "levels, filter " + filter);
            assertArrayEquals(oracle(png), fast(png), "filter " + filter);
        }
    }

    @Test
    void anythingElseIsDeclinedAndLeftToImageIo() throws IOException {
        byte[] pixels = photoLike(3);
        byte[] good = Png.gray(pixels, 4, 1, false);
        float[] out = new float[H * W];
        assertFalse(GrayPng.decodeInto(good, H + 1, W, out, 0), "another size");
        assertTrue(GrayPng.levels(good, H + 1, W).isEmpty(), "another size, as levels");
        assertEquals((H + 1) * W, new ImageDecoder(H + 1, W).pixels(good).length, "another size is resized through ImageIO");
        assertFalse(GrayPng.decodeInto(Png.withChunk(good, "tRNS", new byte[]{0, 7}), H, W, out, 0), "transparency");
        assertFalse(GrayPng.decodeInto(Arrays.copyOf(good, good.length - 20), H, W, out, 0), "truncated");
        assertFalse(GrayPng.decodeInto(Png.gray(pixels, 5, 1, false), H, W, out, 0), "unknown filter");
        byte[] damaged = good.clone();
        damaged[45] ^= 0x55; // inside the compressed data
        assertFalse(GrayPng.decodeInto(damaged, H, W, out, 0), "damaged data");
        assertThrows(BadDataException.class, () -> new ImageDecoder(H, W).decodeInto(Arrays.copyOf(good, 60), out, 0),
                "a corrupt file still gets ImageIO's error");
        BufferedImage rgb = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream colour = new ByteArrayOutputStream();
        ImageIO.write(rgb, "png", colour);
        assertFalse(GrayPng.decodeInto(colour.toByteArray(), H, W, out, 0), "colour");
        new ImageDecoder(H, W).decodeInto(colour.toByteArray(), out, 0);
        assertArrayEquals(new float[H * W], out, "colour through ImageIO: black");
    }

    /** A minimal PNG writer with a chosen row filter, for what the JDK's writer never produces. */
    private static final class Png {
        static byte[] gray(byte[] pixels, int filter, int idatChunks, boolean withText) throws IOException {
            byte[] raw = new byte[(W + 1) * H];
            for (int y = 0; y < H; y++) {
                raw[y * (W + 1)] = (byte) filter;
                for (int x = 0; x < W; x++) {
                    int left = x > 0 ? pixels[y * W + x - 1] & 0xFF : 0;
                    int up = y > 0 ? pixels[(y - 1) * W + x] & 0xFF : 0;
                    int upLeft = x > 0 && y > 0 ? pixels[(y - 1) * W + x - 1] & 0xFF : 0;
                    int predicted = switch (filter) {
                        case 1 -> left;
                        case 2 -> up;
                        case 3 -> (left + up) / 2;
                        case 4 -> paeth(left, up, upLeft);
                        default -> 0;
                    };
                    raw[y * (W + 1) + 1 + x] = (byte) (pixels[y * W + x] - predicted);
                }
            }
            Deflater deflater = new Deflater();
            deflater.setInput(raw);
            deflater.finish();
            byte[] compressed = new byte[raw.length * 2 + 64];
            int length = deflater.deflate(compressed);
            deflater.end();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(W).putInt(H).put((byte) 8).array());
            if (withText) {
                chunk(out, "tEXt", "Comment\0hand-made".getBytes(StandardCharsets.ISO_8859_1));
            }
            int step = (length + idatChunks - 1) / idatChunks;
            for (int from = 0; from < length; from += step) {
                chunk(out, "IDAT", Arrays.copyOfRange(compressed, from, Math.min(length, from + step)));
            }
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        }

        /** {@code png} with one more chunk just after IHDR. */
        static byte[] withChunk(byte[] png, String type, byte[] data) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(png, 0, 33);
            chunk(out, type, data);
            out.write(png, 33, png.length - 33);
            return out.toByteArray();
        }

        private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
            byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(typeBytes);
            crc.update(data);
            out.write(ByteBuffer.allocate(4).putInt(data.length).array());
            out.write(typeBytes);
            out.write(data);
            out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        }

        private static int paeth(int a, int b, int c) {
            int p = a + b - c;
            int pa = Math.abs(p - a);
            int pb = Math.abs(p - b);
            int pc = Math.abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
