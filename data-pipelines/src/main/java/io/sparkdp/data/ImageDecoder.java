package io.sparkdp.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns an encoded image (PNG, JPEG, BMP or GIF, whatever {@code javax.imageio} reads) into the
 * features a model of {@code height x width} grayscale pixels (or of three colour planes) expects, normalised exactly as
 * {@link ExampleBlock} normalises IDX pixels ({@value ExampleBlock#NORMALIZATION}), so that a
 * Fashion-MNIST image saved as an 8-bit grayscale PNG scores the same as its IDX record.
 * <p>
 * Colour becomes gray by ITU-R BT.601 luma ({@code 0.299 R + 0.587 G + 0.114 B}, rounded),
 * computed here rather than by Java2D, whose colour-space conversion would change the levels of
 * an image that is already gray. Transparency is ignored. An image of another size is resized
 * with bilinear interpolation after the conversion to gray.
 */
public final class ImageDecoder implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Largest image decoded: 64 megapixels, a few hundred MiB while it is decoded. */
    static final long MAX_PIXELS = 64L << 20;

    private final int height;
    private final int width;
    private final int channels;

    /** A decoder to gray images of {@code height x width}. */
    public ImageDecoder(int height, int width) {
        this(height, width, 1);
    }

    /**
     * A decoder to {@code channels} planes of {@code height x width}: 1 for gray, 3 for red, green
     * and blue planes one after another (a gray image gives three equal planes).
     */
    public ImageDecoder(int height, int width, int channels) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images have 1 or 3 channels, got " + channels);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    /** Colour planes of every decoded image. */
    public int channels() {
        return channels;
    }

    /** Values of every decoded image: {@code channels * height * width}. */
    public int values() {
        return channels * height * width;
    }

    /** Rows of every decoded image. */
    public int height() {
        return height;
    }

    /** Columns of every decoded image. */
    public int width() {
        return width;
    }

    /**
     * Unsigned 8-bit levels, {@link #values()} of them: row-major gray levels, or with 3 channels
     * the red, then green, then blue plane.
     */
    public byte[] pixels(byte[] encoded) {
        if (channels == 1) {
            Optional<byte[]> levels = GrayPng.levels(encoded, height, width);
            if (levels.isPresent()) {
                return levels.get();
            }
        }
        BufferedImage image = decode(encoded);
        if (channels == 3 && image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            return planes(resized(image, BufferedImage.TYPE_INT_RGB));
        }
        BufferedImage gray = resized(toGray(image), BufferedImage.TYPE_BYTE_GRAY);
        byte[] levels = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        if (channels == 1) {
            return levels;
        }
        // A gray image read as RGB: its level in every plane (Java2D's getRGB would apply a gamma).
        byte[] out = new byte[values()];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(levels, 0, out, c * levels.length, levels.length);
        }
        return out;
    }

    /** The red, green and blue planes of a colour image of this decoder's size. */
    private byte[] planes(BufferedImage rgbImage) {
        int[] rgb = rgbImage.getRGB(0, 0, width, height, null, 0, width);
        int plane = height * width;
        byte[] out = new byte[3 * plane];
        for (int i = 0; i < plane; i++) {
            out[i] = (byte) (rgb[i] >> 16);
            out[plane + i] = (byte) (rgb[i] >> 8);
            out[2 * plane + i] = (byte) rgb[i];
        }
        return out;
    }

    /**
     * The decoded image. Its size is read from its header first: a small file may declare an
     * enormous image, whose decoding would exhaust the executor's memory and fail the whole job.
     */
    private static BufferedImage decode(byte[] encoded) {
        // Not ImageIO.createImageInputStream: by default it caches every stream in a temporary file,
        // which cost five times the decoding itself (measured: 120-220 us against 23 us a 28x28 PNG).
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new BadDataException("not an image in a readable format (PNG, JPEG, BMP or GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new BadDataException("image of " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels is larger than the " + MAX_PIXELS + " pixels decoded at most");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadDataException bad) {
                throw bad;
            }
            throw new BadDataException("corrupt image: " + firstLine(e));
        }
    }

    /** The model's input for {@code encoded}: {@link #pixels} scaled by {@link ExampleBlock#scale}. */
    public float[] features(byte[] encoded) {
        float[] features = new float[values()];
        decodeInto(encoded, features, 0);
        return features;
    }

    /**
     * Writes {@link #features} of {@code encoded} into {@code out[offset .. offset + height * width)},
     * for a caller that fills a minibatch in place. An 8-bit gray PNG of the model's size is
     * decoded by {@link GrayPng}, to the same values; anything else goes through {@link #pixels}.
     *
     * @throws BadDataException if {@code encoded} is not a readable image; that range of {@code out} is then undefined
     */
    public void decodeInto(byte[] encoded, float[] out, int offset) {
        if (offset < 0 || offset > out.length - values()) {
            throw new IllegalArgumentException("no room for " + channels + "x" + height + "x" + width + " values at " + offset
                    + " of " + out.length);
        }
        if (channels == 1 && GrayPng.decodeInto(encoded, height, width, out, offset)) {
            return;
        }
        byte[] pixels = pixels(encoded);
        for (int i = 0; i < pixels.length; i++) {
            out[offset + i] = ExampleBlock.scale(pixels[i]);
        }
    }

    private static BufferedImage toGray(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 0xFF;
            int g = (rgb[i] >> 8) & 0xFF;
            int b = rgb[i] & 0xFF;
            out[i] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
        }
        return gray;
    }

    /** {@code image} at this decoder's size, as an image of {@code type} (bilinear when resized). */
    private BufferedImage resized(BufferedImage image, int type) {
        if (image.getWidth() == width && image.getHeight() == height && (image.getType() == type
                || type == BufferedImage.TYPE_INT_RGB)) {
            return image;
        }
        BufferedImage target = new BufferedImage(width, height, type);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
