package devstack.script;

import devstack.plugin.Location;
import devstack.system.Machine;
import devstack.system.Proxies;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What every group of helpers works with: the run's context (settings, console, machine, timers) and the runtime
 * (where a call comes from, the functions plugins define), plus the small rules the helpers share.
 */
abstract class HelperGroup {
    protected final ScriptContext context;
    protected final PluginRuntime runtime;

    HelperGroup(ScriptContext context, PluginRuntime runtime) {
        this.context = context;
        this.runtime = runtime;
    }

    protected final Machine machine() {
        return context.machine();
    }

    /** The plugin file and line of the current helper call, with a trailing blank, or nothing. */
    protected final String callerLocation() {
        return runtime.caller().map(Location::toString).map(l -> l + " ").orElse("");
    }

    /** http_proxy, https_proxy and no_proxy as the run's variables hold them. */
    protected final Proxies proxies() {
        return context.proxies();
    }

    /** OFFLINE=True: nothing is fetched from the network. */
    protected final boolean offline() {
        return settingIsTrue("OFFLINE");
    }

    protected final boolean settingIsTrue(String name) {
        return context.settings().isTrue(name);
    }

    /** Runs {@code body} under the named timer (the timing table at the end of stack), as DevStack times it. */
    protected final void timed(String timer, Runnable body) {
        timedCall(timer, () -> {
            body.run();
            return null;
        });
    }

    /** {@link #timed(String, Runnable)} for a body with a result. */
    protected final <T> T timedCall(String timer, Supplier<T> body) {
        context.timers().start(timer);
        try {
            return body.get();
        } finally {
            context.timers().stop(timer);
        }
    }

    /** Arguments joined by blanks, as echo prints them. */
    protected static String joinWords(Object... parts) {
        return Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining(" "));
    }

    /**
     * The arguments of a helper as strings: lists and arrays are taken apart (Groovy callers pass them freely),
     * null is an error naming the helper.
     */
    protected static List<String> flatten(String helper, Object... args) {
        List<String> result = new ArrayList<>();
        for (Object arg : args == null ? new Object[] {null} : args) {
            if (arg == null) {
                throw new PluginAbort(helper + ": an argument is null");
            } else if (arg instanceof Collection<?> collection) {
                result.addAll(flatten(helper, collection.toArray()));
            } else if (arg.getClass().isArray()) {
                Object[] items = new Object[Array.getLength(arg)];
                for (int i = 0; i < items.length; i++) {
                    items[i] = Array.get(arg, i);
                }
                result.addAll(flatten(helper, items));
            } else if (arg instanceof Map<?, ?>) {
                throw new PluginAbort(helper + ": a map is not an argument (" + arg + ")");
            } else {
                result.add(arg.toString());
            }
        }
        return result;
    }
}
