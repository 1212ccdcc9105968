package devstack.script;

import devstack.config.TrueOrFalse;

/** Console and control helpers: echo_summary, warn, err, die, deprecated, trueorfalse. */
public abstract class ConsoleHelpers extends ScriptSupport {
    /** echo_summary: a line that says what the run is doing. Usage: {@code echo_summary "Installing Template"} */
    public void echo_summary(Object... message) {
        hostContext().console().summary(joinWords(message));
    }

    /** echo_nolog: a line for the console only, never the log. Usage: {@code echo_nolog "progress"} */
    public void echo_nolog(Object... message) {
        hostContext().console().noLog(joinWords(message));
    }

    /** warn: a warning naming the plugin file and line. Usage: {@code warn "disk almost full"} */
    public void warn(Object... message) {
        hostContext().console().warn(callerLocation() + joinWords(message));
    }

    /**
     * err: an error line naming the plugin file and line, also appended to {@code $LOGDIR/error.log}; the run goes
     * on. Usage: {@code err "could not reach the mirror"}
     */
    public void err(Object... message) {
        String line = callerLocation() + joinWords(message);
        hostContext().console().error(line);
        if (hostContext().commands().dryRun() == null) {
            ErrorLog.append(hostContext().settings().get("LOGDIR"), hostContext().console().masked("[ERROR] " + line));
        }
    }

    /** die: stops the run with a message; the report names this plugin's file and line. Usage: {@code die "bad"} */
    public void die(Object... message) {
        throw new PluginAbort(joinWords(message));
    }

    /**
     * die_if_not_set: stops the run when the variable named {@code name} is unset or empty.
     * Usage: {@code die_if_not_set 'HOST_IP', 'HOST_IP must be set to this machine's address'}
     */
    public void die_if_not_set(String name, Object... message) {
        if (hostContext().settings().get(name).isEmpty()) {
            throw new PluginAbort(message.length == 0 ? name + " is not set" : joinWords(message));
        }
    }

    /**
     * deprecated: warns that something is deprecated, now and again at the end of stack.
     * Usage: {@code deprecated 'TEMPLATE_OLD is deprecated, use TEMPLATE_NEW'}
     */
    public void deprecated(Object... message) {
        hostContext().console().deprecated(joinWords(message));
    }

    /**
     * trueorfalse: normalises the setting named {@code name} to {@code True} or {@code False}; any other value gives
     * {@code defaultValue}. Usage: {@code if (trueorfalse('False', 'RECLONE') == 'True') { ... }}
     */
    public String trueorfalse(String defaultValue, String name) {
        if (name == null || name.isEmpty()) {
            throw new PluginAbort("trueorfalse: the name of a variable to normalize is required");
        }
        return TrueOrFalse.normalize(defaultValue, hostContext().settings().get(name));
    }
}
