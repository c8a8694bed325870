/**
 * The {@code sparkdp} command line: one picocli subcommand per job, defaults read from the
 * configuration records, and {@link io.sparkdp.driver.cli.Failures} turning every failure into
 * one clear line and a non-zero exit code.
 */
package io.sparkdp.driver.cli;
