package devstack.external

import devstack.config.Localrc
import devstack.config.Settings
import devstack.console.Console
import devstack.plugin.PluginCompiler
import devstack.script.PluginScript
import devstack.system.RealMachine
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.function.Consumer

/** A plugin's package lists, handed to the prerequisite installer in plugin order. */
class PluginPackagesSpec extends Specification {
    @TempDir
    Path dir

    def "each plugin's devstack/files directory is given in plugin order, with the enable_plugin name"() {
        given:
        def withPackages = new PluginRepo(dir, 'pkgs')
                .file('devstack/files/debs/pkgs', 'cowsay\njq # dist:noble\n')
                .file('devstack/files/rpms/pkgs', 'cowsay\n')
                .file('devstack/settings.groovy', "plugin_requires 'pkgs', 'base'\n")
                .probePlugin('pkgs').commit()
        def base = new PluginRepo(dir, 'base').probePlugin('base').commit()
        Path top = Files.createDirectories(dir.resolve('top'))
        Files.writeString(top.resolve('local.conf'), """[[local|localrc]]
DEST=$dir/dest
enable_plugin pkgs $withPackages.url
enable_plugin base $base.url
""")
        def console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
        Settings settings = Settings.load(top, [:], { } as Consumer<String>, { String c, Map e -> '' } as Localrc.CommandSubstitution)

        when:
        def plugins = ExternalPlugins.prepare(settings, console, new PluginCompiler(PluginScript), null,
                RealMachine.of(console), true)

        then:
        plugins.packageLists() == [new ExternalPlugins.PluginPackages('base', dir.resolve('dest/base/devstack/files')),
                                   new ExternalPlugins.PluginPackages('pkgs', dir.resolve('dest/pkgs/devstack/files'))]
        Files.readAllLines(plugins.packageLists()[1].filesDir().resolve('debs/pkgs')) == ['cowsay', 'jq # dist:noble']
    }
}
