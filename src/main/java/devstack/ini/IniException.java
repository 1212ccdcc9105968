package devstack.ini;

/**
 * An ini file could not be read or written. The message always names the file
 * and says what the user can do about it.
 */
public class IniException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IniException(String message) {
        super(message);
    }

    public IniException(String message, Throwable cause) {
        super(message, cause);
    }
}
