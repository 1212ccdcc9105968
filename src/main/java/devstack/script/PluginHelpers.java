package devstack.script;

import devstack.DevstackException;
import devstack.config.Settings.PluginRequest;
import devstack.external.GitClone;
import java.nio.file.Path;

/** External plugins and git: is_plugin_enabled, define_plugin, plugin_requires, git_clone, git_clone_by_name. */
public abstract class PluginHelpers extends SystemHelpers {
    /**
     * is_plugin_enabled: true if {@code enable_plugin NAME ...} was given for exactly this name (no pattern, no
     * list). Usage: {@code if (is_plugin_enabled('foo')) { ... }}
     */
    public boolean is_plugin_enabled(String name) {
        return hostContext().settings().plugins().stream().anyMatch(p -> p.name().equals(name));
    }

    /**
     * define_plugin: names the plugin, in its {@code devstack/settings.groovy}; nothing happens when it runs, as in
     * DevStack. The name must be a string literal: it is read before anything runs.
     * Usage: {@code define_plugin 'foo'}
     */
    public void define_plugin(String name) {
        hostContext().console().detail("define_plugin " + name);
    }

    /**
     * plugin_requires: declares that plugin {@code name} needs plugin {@code other}, in its
     * {@code devstack/settings.groovy}. Read before anything runs (the names must be string literals): the plugin
     * then runs after {@code other} in every phase, and a run where {@code other} is not enabled stops before the
     * first phase. Nothing happens when the call itself runs. Usage: {@code plugin_requires 'foo', 'bar'}
     */
    public void plugin_requires(String name, String other) {
        hostContext().console().detail("plugin_requires " + name + " " + other);
    }

    /**
     * git_clone: clones {@code remote} at {@code ref} into {@code dest} with DevStack's rules: an existing clone is
     * left as it is unless {@code RECLONE=True}; {@code OFFLINE=True} never clones; {@code ERROR_ON_CLONE=True}
     * refuses to; {@code GIT_DEPTH}, {@code GIT_TIMEOUT}. Usage: {@code git_clone FOO_REPO, FOO_DIR, FOO_BRANCH}
     */
    public void git_clone(String remote, String dest, String ref) {
        gitClone().clone("git_clone", remote, Path.of(dest), ref);
    }

    /**
     * git_clone_by_name: {@link #git_clone} of an enabled plugin: its URL and ref from its {@code enable_plugin}
     * line, into {@code $DEST/NAME}. Usage: {@code git_clone_by_name 'foo'}
     */
    public void git_clone_by_name(String name) {
        PluginRequest request = hostContext().settings().plugins().stream().filter(p -> p.name().equals(name))
                .findFirst().orElseThrow(() -> new DevstackException(DevstackException.FAILED,
                        "git_clone_by_name: no plugin named " + name + " is enabled",
                        "add enable_plugin " + name + " URL [REF] to [[local|localrc]], or use git_clone"));
        gitClone().clone("plugin " + name, request.url(), request.gitDir(), request.ref());
    }

    private GitClone gitClone() {
        return new GitClone(hostContext().commands(), hostContext().console(), hostContext().settings());
    }
}
