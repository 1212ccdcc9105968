package devstack.script;

/** External plugins and git: define_plugin, plugin_requires, git_clone, git_clone_by_name. */
public abstract class PluginHelpers extends SystemHelpers {
}
