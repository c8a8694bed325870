package io.sparkdp.data;

/** Input data that cannot be used as it is; the message names the file and, where known, the record. */
public class BadDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadDataException(String message) {
        super(message);
    }

    public BadDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
