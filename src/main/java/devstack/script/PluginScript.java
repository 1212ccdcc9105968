package devstack.script;

/**
 * The base class of every plugin script: DevStack's helper library, named as in DevStack and called the Groovy
 * way ({@code install_package 'cowsay'}, {@code iniset NOVA_CONF, 'DEFAULT', 'debug', 'True'}). A call to a
 * function that the script does not define itself is looked up among the functions other plugins defined.
 */
public abstract class PluginScript extends PluginHelpers {
    // The helpers live in one layer per capability, each extending the one before: ConsoleHelpers, ServiceHelpers,
    // CommandHelpers, PackageHelpers, IniHelpers, ProcessHelpers, DistroHelpers, SystemHelpers, PluginHelpers.
    // This class is the base every plugin script is compiled against.
}
