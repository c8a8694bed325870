package io.sparkdp.data;

import java.io.Serializable;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What one example of a data set looks like, as the model must be built for it.
 *
 * @param channels   image channels (1 for tabular data)
 * @param height     image rows (1 for tabular data)
 * @param width      image columns, or the number of features of tabular data
 * @param image      whether the features are an image a convolutional model may read as one
 * @param classNames the name of each class, in class-index order; at least two
 */
public record DataSchema(int channels, int height, int width, boolean image, List<String> classNames)
        implements Serializable {
    public DataSchema {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("example shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        if (classNames == null || classNames.size() < 2) {
            throw new BadDataException("a classifier needs at least 2 classes, found "
                    + (classNames == null ? 0 : classNames.size()));
        }
        classNames = List.copyOf(classNames);
    }

    /** Classes named by their index, as formats that store no names (IDX) have them. */
    public static List<String> indexNames(int numClasses) {
        return IntStream.range(0, numClasses).mapToObj(Integer::toString).toList();
    }

    public int featureSize() {
        return channels * height * width;
    }

    public int numClasses() {
        return classNames.size();
    }

    /** The shape as users write it: {@code CxHxW} for images, the feature count otherwise. */
    public String describe() {
        return image ? channels + "x" + height + "x" + width : featureSize() + " features";
    }
}
