package devstack.plugin;

import devstack.DevstackException;

/** A plugin tree that cannot run: a syntax error, a misnamed or unreadable file, a missing function. Exit 2. */
public class PluginException extends DevstackException {
    public PluginException(String message, String hint) {
        super(BAD_INPUT, message, hint);
    }
}
