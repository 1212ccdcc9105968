package devstack.script;

import devstack.DevstackException;

/** Raised by {@code die}: the plugin stopped the run on purpose, with its message. */
public class PluginAbort extends DevstackException {
    public PluginAbort(String message) {
        super(FAILED, message);
    }
}
