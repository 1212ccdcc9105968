package devstack.external

import devstack.plugin.PluginException
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** define_plugin and plugin_requires read from settings.groovy without running it. */
class PluginDeclarationsSpec extends Specification {
    @TempDir
    Path dir

    PluginDeclarations scan(String text) {
        Path file = dir.resolve('settings.groovy')
        Files.writeString(file, text)
        PluginDeclarations.scan(file, 'foo/devstack/settings.groovy')
    }

    def "both call styles, anywhere in the file, with their lines; comments and strings do not count"() {
        when:
        def found = scan('''\
            |define_plugin 'foo'
            |// plugin_requires 'foo', 'commented'
            |plugin_requires 'foo', 'bar'
            |if (is_service_enabled('x')) {
            |    plugin_requires('foo', "baz")
            |}
            |def text = "plugin_requires 'foo', 'quoted'"
            |def later() { plugin_requires 'foo', 'in-a-function' }
            |'''.stripMargin())

        then:
        found.defines()*.name == ['foo']
        found.requires().collect { "$it.name>$it.other@$it.location" } == [
                'foo>bar@foo/devstack/settings.groovy:3',
                'foo>baz@foo/devstack/settings.groovy:5',
                'foo>in-a-function@foo/devstack/settings.groovy:8']
    }

    def "a call whose names are not string literals is an error at its line: #call"() {
        when:
        scan("NAME = 'x'\n$call\n")

        then:
        PluginException e = thrown()
        e.message.startsWith('foo/devstack/settings.groovy:2: ')
        e.message.contains('as string literals')

        where:
        call << ["plugin_requires 'foo', NAME", 'plugin_requires "foo", "${NAME}"', "plugin_requires 'foo'",
                 'define_plugin NAME']
    }

    def "a file with a syntax error has no declarations (the compiler reports the error)"() {
        expect:
        scan("plugin_requires 'foo', 'bar'\nif (\n") == PluginDeclarations.NONE
    }

    def "a method of the same name on another object is not a declaration"() {
        expect:
        scan("def o = [plugin_requires: { a, b -> }]\no.plugin_requires('foo', 'bar')\n").requires() == []
    }
}
