package devstack.script;

import devstack.config.TrueOrFalse;

/** The console helpers of {@link PluginScript}: see there for what each does. */
final class ConsoleHelpers extends HelperGroup {
    ConsoleHelpers(ScriptContext context, PluginRuntime runtime) {
        super(context, runtime);
    }

    public void echo_summary(Object... message) {
        context.console().summary(joinWords(message));
    }

    public void echo_nolog(Object... message) {
        context.console().noLog(joinWords(message));
    }

    public void warn(Object... message) {
        context.console().warn(callerLocation() + joinWords(message));
    }

    public void err(Object... message) {
        String line = callerLocation() + joinWords(message);
        context.console().error(line);
        machine().appendErrorLog(context.settings().path("LOGDIR"), context.console().masked("[ERROR] " + line));
    }

    public void die(Object... message) {
        throw new PluginAbort(joinWords(message));
    }

    public void die_if_not_set(String name, Object... message) {
        if (context.settings().get(name).isEmpty()) {
            throw new PluginAbort(message.length == 0 ? name + " is not set" : joinWords(message));
        }
    }

    public void deprecated(Object... message) {
        context.console().deprecated(joinWords(message));
    }

    public String trueorfalse(String defaultValue, String name) {
        if (name == null || name.isEmpty()) {
            throw new PluginAbort("trueorfalse: the name of a variable to normalize is required");
        }
        return TrueOrFalse.normalize(defaultValue, context.settings().get(name));
    }
}
