package devstack.script;

import devstack.DevstackException;
import devstack.config.Settings.PluginRequest;
import devstack.system.Machine;
import java.nio.file.Path;

/** The plugins helpers of {@link PluginScript}: see there for what each does. */
final class PluginHelpers extends HelperGroup {
    PluginHelpers(ScriptContext context, PluginRuntime runtime) {
        super(context, runtime);
    }

    public boolean is_plugin_enabled(String name) {
        return context.settings().plugins().stream().anyMatch(p -> p.name().equals(name));
    }

    public void define_plugin(String name) {
        context.console().detail("define_plugin " + name);
    }

    public void plugin_requires(String name, String other) {
        context.console().detail("plugin_requires " + name + " " + other);
    }

    public void git_clone(String remote, String dest, String ref) {
        clone("git_clone", remote, Path.of(dest), ref);
    }

    public void git_clone_by_name(String name) {
        PluginRequest request = context.settings().plugins().stream().filter(p -> p.name().equals(name))
                .findFirst().orElseThrow(() -> new DevstackException(DevstackException.FAILED,
                        "git_clone_by_name: no plugin named " + name + " is enabled",
                        "add enable_plugin " + name + " URL [REF] to [[local|localrc]], or use git_clone"));
        clone("plugin " + name, request.url(), request.gitDir(), request.ref());
    }

    private void clone(String who, String remote, Path dest, String ref) {
        machine().git().clone(new Machine.GitRequest(who, remote, dest, ref,
                Machine.GitOptions.of(context.settings()::get, context.settings().topDir())));
    }
}
