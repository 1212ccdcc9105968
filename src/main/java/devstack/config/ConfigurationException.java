package devstack.config;

import devstack.DevstackException;

/** Configuration that cannot be honoured: names the file and line; exit code 2. */
public class ConfigurationException extends DevstackException {
    public ConfigurationException(String message, String hint) {
        super(BAD_INPUT, message, hint);
    }

    public ConfigurationException(String message) {
        this(message, null);
    }

    /** An error located at {@code file:line}. */
    public static ConfigurationException at(String file, int line, String message, String hint) {
        return new ConfigurationException(file + ":" + line + ": " + message, hint);
    }
}
