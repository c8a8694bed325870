/**
 * Immutable, validated run configuration records, with defaults declared once and a JSON
 * round trip ({@link io.sparkdp.driver.config.ConfigJson}).
 */
package io.sparkdp.driver.config;
