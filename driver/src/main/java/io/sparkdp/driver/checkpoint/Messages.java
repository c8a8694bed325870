package io.sparkdp.driver.checkpoint;

/** The one line of an exception a user is shown. */
final class Messages {
    private Messages() {
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
