/**
 * End-to-end tests of the packaged command: {@code bin/sparkdp} run as a user runs it, in its own
 * JVM, on the real Fashion-MNIST files and on a real in-process HDFS.
 */
package io.sparkdp.it;
