package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
    private static byte[] randomPixels(int n, long seed) {
        byte[] pixels = new byte[n];
        new Random(seed).nextBytes(pixels);
        return pixels;
    }

    private static byte[] encodeGray(byte[] pixels, int height, int width, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(pixels, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, pixels.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "a writer for " + format);
        return out.toByteArray();
    }

    @Test
    void grayPngAndBmpComeBackExactly() throws IOException {
        byte[] pixels = randomPixels(28 * 28, 1);
        ImageDecoder decoder = new ImageDecoder(28, 28);
        assertArrayEquals(pixels, decoder.pixels(encodeGray(pixels, 28, 28, "png")));
        assertArrayEquals(pixels, decoder.pixels(encodeGray(pixels, 28, 28, "bmp")));
    }

    @Test
    void featuresAreScaledExactlyLikeAnIdxBlock() throws IOException {
        byte[] pixels = randomPixels(4 * 4, 2);
        float[] fromImage = new ImageDecoder(4, 4).features(encodeGray(pixels, 4, 4, "png"));
        float[] fromBlock = new ExampleBlock(0, 16, 10, pixels, new byte[]{3}).range(0, 1).features();
        assertArrayEquals(fromBlock, fromImage);
    }

    @Test
    void colourBecomesLumaAndOtherSizesAreResized() throws IOException {
        BufferedImage rgb = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                rgb.setRGB(x, y, (200 << 16) | (100 << 8) | 50);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(rgb, "png", out);
        byte[] pixels = new ImageDecoder(28, 28).pixels(out.toByteArray());
        assertEquals(28 * 28, pixels.length);
        int luma = (int) Math.round(0.299 * 200 + 0.587 * 100 + 0.114 * 50);
        for (byte p : pixels) {
            assertEquals(luma, p & 0xFF);
        }
    }

    @Test
    void anEnormousDeclaredSizeIsBadDataNotAnOutOfMemoryError() throws IOException {
        byte[] png = encodeGray(randomPixels(28 * 28, 4), 28, 28, "png");
        // The IHDR chunk starts at byte 8 (4 length bytes, then "IHDR"): width at 16, height at 20.
        java.nio.ByteBuffer.wrap(png).putInt(16, 100_000).putInt(20, 100_000);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17);
        java.nio.ByteBuffer.wrap(png).putInt(29, (int) crc.getValue());
        BadDataException huge = assertThrows(BadDataException.class, () -> new ImageDecoder(28, 28).pixels(png));
        assertTrue(huge.getMessage().startsWith("image of 100000x100000 pixels is larger than"), huge.getMessage());
    }

    @Test
    void corruptOrForeignBytesAreBadData() throws IOException {
        ImageDecoder decoder = new ImageDecoder(28, 28);
        BadDataException text = assertThrows(BadDataException.class,
                () -> decoder.pixels("not an image".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertTrue(text.getMessage().contains("not an image"), text.getMessage());
        byte[] png = encodeGray(randomPixels(28 * 28, 3), 28, 28, "png");
        byte[] truncated = Arrays.copyOf(png, png.length / 2);
        assertThrows(BadDataException.class, () -> decoder.pixels(truncated));
    }

    @Test
    void threeChannelsAreTheRedGreenAndBluePlanesAndGrayRepeatsItsLevel() throws IOException {
        BufferedImage colour = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        int[] rgb = {0x102030, 0xFF0000, 0x00FF00, 0x0000FF, 0x808080, 0x0A141E};
        colour.setRGB(0, 0, 3, 2, rgb, 0, 3);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(colour, "png", png);
        ImageDecoder decoder = new ImageDecoder(2, 3, 3);
        assertEquals(18, decoder.values());
        byte[] planes = decoder.pixels(png.toByteArray());
        for (int i = 0; i < 6; i++) {
            assertEquals((rgb[i] >> 16) & 0xFF, planes[i] & 0xFF, "red of pixel " + i);
            assertEquals((rgb[i] >> 8) & 0xFF, planes[6 + i] & 0xFF, "green of pixel " + i);
            assertEquals(rgb[i] & 0xFF, planes[12 + i] & 0xFF, "blue of pixel " + i);
        }
        float[] features = decoder.features(png.toByteArray());
        assertEquals(ExampleBlock.scale(planes[7]), features[7]);

        byte[] gray = randomPixels(6, 3L);
        byte[] grayPlanes = decoder.pixels(encodeGray(gray, 2, 3, "png"));
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(gray, java.util.Arrays.copyOfRange(grayPlanes, 6 * c, 6 * c + 6), "plane " + c + " of a gray image");
        }
        assertThrows(IllegalArgumentException.class, () -> new ImageDecoder(2, 3, 2));
    }
}
