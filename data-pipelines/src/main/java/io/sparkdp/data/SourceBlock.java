package io.sparkdp.data;

import java.io.Serializable;

/**
 * What one input partition held once read: the examples that could be read, in input order,
 * and the records skipped.
 */
public record SourceBlock(ExampleBlock block, BadRecords bad) implements Serializable {
}
