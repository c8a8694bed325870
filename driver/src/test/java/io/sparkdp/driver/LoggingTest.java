package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * SLF4J must bind to Spark's log4j2: the mixed SLF4J 1.7/2.x classpath of DL4J and Spark
 * otherwise falls back to the NOP logger and every log line vanishes.
 */
class LoggingTest {
    @Test
    void slf4jIsBoundToLog4j2() {
        assertEquals("org.apache.logging.slf4j.Log4jLoggerFactory", LoggerFactory.getILoggerFactory().getClass().getName());
    }
}
