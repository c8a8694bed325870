package io.sparkdp.data;

import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A decoder for the one PNG layout that batch scoring meets most: 8-bit grayscale, not
 * interlaced, already of the model's size (Fashion-MNIST and MNIST exported as PNG). It inflates
 * and unfilters the rows straight into the caller's buffer, where {@code javax.imageio} builds a
 * {@code BufferedImage} and a reader per file at several times the cost.
 * <p>
 * Contract: it either yields exactly the gray levels {@code javax.imageio} would, or declines
 * ({@code false}) and leaves the image to {@link ImageDecoder}'s general path. It declines
 * anything else: another colour type, depth, size or interlacing, a {@code tRNS} chunk (with which
 * {@code javax.imageio} adds an alpha channel), an unknown critical chunk, split or missing
 * image data, and every kind of damage, so that a corrupt file gets {@code javax.imageio}'s own
 * error. CRCs are not checked: a file that decodes here decodes to the same levels there.
 */
final class GrayPng {
    private static final long SIGNATURE = 0x89504E470D0A1A0AL;
    private static final int IHDR = 0x49484452;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;
    private static final int TRNS = 0x74524E53;
    /** Bit 5 of a chunk type's first byte: clear for a critical chunk, which must be understood. */
    private static final int ANCILLARY = 0x20000000;

    private GrayPng() {
    }

    /**
     * Writes the {@code height x width} scaled gray levels of {@code png} into
     * {@code out[offset ..]}, row-major, if it is a PNG this class decodes.
     *
     * @return whether it did; if not, {@code out} may hold garbage in that range
     */
    static boolean decodeInto(byte[] png, int height, int width, float[] out, int offset) {
        byte[] rows = unfilteredRows(png, height, width);
        if (rows == null) {
            return false;
        }
        for (int y = 0; y < height; y++) {
            int row = y * (width + 1) + 1;
            for (int x = 0; x < width; x++) {
                out[offset + y * width + x] = ExampleBlock.scale(rows[row + x]);
            }
        }
        return true;
    }

    /**
     * The {@code height x width} gray levels of {@code png}, row-major, if it is a PNG this class
     * decodes; empty if not.
     */
    static Optional<byte[]> levels(byte[] png, int height, int width) {
        byte[] rows = unfilteredRows(png, height, width);
        if (rows == null) {
            return Optional.empty();
        }
        byte[] levels = new byte[height * width];
        for (int y = 0; y < height; y++) {
            System.arraycopy(rows, y * (width + 1) + 1, levels, y * width, width);
        }
        return Optional.of(levels);
    }

    /** The image's rows, each its filter byte then its levels, or null where this class does not decode it. */
    private static byte[] unfilteredRows(byte[] png, int height, int width) {
        if (png.length < 8 + 25 || readLong(png, 0) != SIGNATURE || !plainGrayHeader(png, height, width)) {
            return null;
        }
        byte[] rows = inflateImageData(png, 8 + 25, (width + 1) * height);
        return rows != null && unfilter(rows, height, width) ? rows : null;
    }

    /** IHDR first: {@code width x height}, depth 8, colour type 0 (gray), no interlacing. */
    private static boolean plainGrayHeader(byte[] png, int height, int width) {
        return readInt(png, 8) == 13 && readInt(png, 12) == IHDR && readInt(png, 16) == width
                && readInt(png, 20) == height && png[24] == 8 && png[25] == 0 && png[26] == 0
                && png[27] == 0 && png[28] == 0;
    }

    /**
     * The inflated image data of the chunks from {@code position} on: exactly {@code size} bytes
     * from consecutive IDAT chunks, a complete zlib stream, then IEND. Null where anything differs.
     */
    private static byte[] inflateImageData(byte[] png, int position, int size) {
        Inflater inflater = new Inflater();
        try {
            byte[] rows = new byte[size + 1]; // one spare byte detects data beyond the image
            int produced = 0;
            int idatChunks = 0;
            boolean idatEnded = false;
            while (position + 12 <= png.length) {
                int length = readInt(png, position);
                int type = readInt(png, position + 4);
                if (length < 0 || position + 12L + length > png.length) {
                    return null;
                }
                if (type == IDAT) {
                    if (idatEnded) {
                        return null;
                    }
                    idatChunks++;
                    inflater.setInput(png, position + 8, length);
                    while (!inflater.needsInput() && !inflater.finished() && produced < rows.length) {
                        int n = inflater.inflate(rows, produced, rows.length - produced);
                        if (n == 0) {
                            break; // a header, a trailer or a dictionary request: settled at IEND
                        }
                        produced += n;
                    }
                } else if (type == IEND) {
                    return idatChunks > 0 && produced == size && inflater.finished() ? rows : null;
                } else {
                    idatEnded |= idatChunks > 0;
                    if ((type & ANCILLARY) == 0 || type == TRNS) {
                        return null;
                    }
                }
                position += 12 + length;
            }
            return null;
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    /** Reverses PNG's per-row filters (one byte per pixel) in place; false for an unknown filter. */
    private static boolean unfilter(byte[] rows, int height, int width) {
        int stride = width + 1;
        for (int y = 0; y < height; y++) {
            int row = y * stride + 1;
            int previous = row - stride; // the row above, when y > 0
            int filter = rows[row - 1];
            for (int x = 0; x < width; x++) {
                int left = x > 0 ? rows[row + x - 1] & 0xFF : 0;
                int up = y > 0 ? rows[previous + x] & 0xFF : 0;
                int upLeft = x > 0 && y > 0 ? rows[previous + x - 1] & 0xFF : 0;
                int predicted = switch (filter) {
                    case 0 -> 0;
                    case 1 -> left;
                    case 2 -> up;
                    case 3 -> (left + up) >>> 1;
                    case 4 -> paeth(left, up, upLeft);
                    default -> -1;
                };
                if (predicted < 0) {
                    return false;
                }
                rows[row + x] = (byte) (rows[row + x] + predicted);
            }
        }
        return true;
    }

    private static int paeth(int left, int up, int upLeft) {
        int estimate = left + up - upLeft;
        int toLeft = Math.abs(estimate - left);
        int toUp = Math.abs(estimate - up);
        int toUpLeft = Math.abs(estimate - upLeft);
        if (toLeft <= toUp && toLeft <= toUpLeft) {
            return left;
        }
        return toUp <= toUpLeft ? up : upLeft;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static long readLong(byte[] b, int at) {
        return (long) readInt(b, at) << 32 | (readInt(b, at + 4) & 0xFFFFFFFFL);
    }
}
