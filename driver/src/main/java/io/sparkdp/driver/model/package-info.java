/**
 * Model storage on any Hadoop URI: DL4J model zips (configuration, parameters, optimizer state)
 * written under a temporary name and renamed into place, so a reader never sees half a file.
 * A zip with Java-serialized entries, which DL4J would deserialize, is refused on load.
 * {@link io.sparkdp.driver.model.InitModel} reads the model a transfer-learning run starts from.
 */
package io.sparkdp.driver.model;
