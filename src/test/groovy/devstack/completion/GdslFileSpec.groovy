package devstack.completion

import devstack.config.Settings
import devstack.script.HelperApi
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * devstack.gdsl, the IDE's description of the helpers and settings, is written by the build from the helper API,
 * so that no helper is left out of it; and docs/helpers.md documents every helper there is.
 */
class GdslFileSpec extends Specification {
    /** What the IDE would read from the file the build put into the program. */
    @Shared
    Contributions gdsl = Contributions.of(GdslFileSpec.getResource('/devstack.gdsl')?.getText('UTF-8'))

    /** The helpers' names as the class declares them: the public methods of PluginScript, read by reflection. */
    static List<String> declaredHelpers() {
        devstack.script.PluginScript.declaredMethods
                .findAll { java.lang.reflect.Modifier.isPublic(it.modifiers) && !java.lang.reflect.Modifier.isStatic(it.modifiers) && !it.synthetic }
                *.name.unique().sort()
    }

    def "the build writes the file into the program, as the generator writes it from today's sources"() {
        expect:
        GdslFileSpec.getResource('/devstack.gdsl') != null
        GdslFileSpec.getResource('/devstack.gdsl').getText('UTF-8') == GdslFile.of(
                Files.readString(Path.of('src/main/java/devstack/script/PluginScript.java')),
                GdslFile.settings(Files.readString(Path.of('docs/configuration.md')),
                        Files.readString(Path.of('docs/helpers.md'))))
    }

    def "every public helper of the API is in the IDE file, each signature with its Javadoc"() {
        expect:
        declaredHelpers().size() > 50
        gdsl.methods.keySet().sort() == declaredHelpers()
        HelperApi.get().names() == declaredHelpers()

        and: 'every signature of every helper, with parameter names and a description'
        HelperApi.get().all().every { name, signatures ->
            signatures.every { signature ->
                gdsl.methods[name].any { it.params.keySet().toList() == signature.names()*.replace('...', '') }
            }
        }
        gdsl.methods.every { name, entries -> entries.every { it.doc?.contains(name) } }
    }

    def "every public helper of the API has a section in docs/helpers.md"() {
        given:
        Set<String> documented = Files.readAllLines(Path.of('docs/helpers.md'))
                .findAll { it.startsWith('### ') }
                .collectMany { it.substring(4).split(',')*.trim() } as Set

        expect:
        declaredHelpers().findAll { !documented.contains(it) } == []
    }

    def "the settings a plugin reads are in the IDE file: the defaults the code sets and the settings the docs list"() {
        given:
        Path empty = Files.createTempDirectory('gdsl-spec')
        Set<String> defaults = Settings.load(empty, [:], {}, { c, v -> '' }).variables().asMap().keySet()
        Files.delete(empty)
        Set<String> listed = Files.readAllLines(Path.of('docs/configuration.md'))
                .findAll { it ==~ /\| `[A-Za-z_]+` \|.*\| (before|after|always, before) \|/ }
                .collect { (it =~ /`([A-Za-z_]+)`/)[0][1] } as Set

        expect:
        defaults.size() > 10
        listed.size() > 10
        gdsl.properties.keySet().containsAll(defaults)
        gdsl.properties.keySet().containsAll(listed)
        gdsl.properties.keySet().containsAll(['$1', '$2', 'OFFLINE', 'RECLONE', 'GIT_DEPTH', 'http_proxy', 'no_proxy',
                                              'os_CODENAME', 'UNSTACK_ALL'])
        gdsl.properties.values().every { it.type == 'java.lang.String' && it.doc }
    }

    def "the helpers and settings apply to plugin files: #path"() {
        expect:
        gdsl.appliesTo(path) == applies

        where:
        path                                                  | applies
        '/home/me/devstack/extras.d/50-template.groovy'       | true
        '/home/me/devstack/nova_plugins/hypervisor-fake.groovy' | true
        '/home/me/devstack/lib/template.groovy'               | true
        '/home/me/foo/devstack/plugin.groovy'                 | true
        '/home/me/foo/devstack/settings.groovy'               | true
        '/home/me/foo/devstack/lib/foo.groovy'                | true
        '/home/me/devstack/nova_plugins/README.groovy'        | false
        '/home/me/devstack/extras.d/sub/x.groovy'             | false
        '/home/me/app/src/main/groovy/App.groovy'             | false
        '/home/me/devstack/extras.d/50-template.sh'           | false
    }

    /**
     * The contributions of a GDSL file, read by running it against a stand-in for IntelliJ's GDSL API: context()
     * keeps its arguments, contributor() runs its closure, method() and property() record what they declare.
     */
    static class Contributions {
        Map<String, List<Map>> methods = [:].withDefault { [] }
        Map<String, Map> properties = [:]
        List<Map> contexts = []

        static Contributions of(String text) {
            def found = new Contributions()
            if (text == null) {
                return found
            }
            def binding = new Binding()
            binding.setVariable('scriptScope', { Map args = [:] -> 'script' })
            binding.setVariable('context', { Map args -> found.contexts << args; args })
            binding.setVariable('contributor', { contexts, Closure body ->
                body.delegate = new Collector(found: found)
                body.resolveStrategy = Closure.DELEGATE_FIRST
                body()
            })
            new GroovyShell(binding).evaluate(text)
            found
        }

        /** What a contributor's closure calls. */
        static class Collector {
            Contributions found

            void method(Map m) { found.methods[m.name] << m }

            void property(Map p) { found.properties[p.name] = p }
        }

        boolean appliesTo(String path) {
            contexts.any { it.scope == 'script' && path ==~ it.pathRegexp }
        }
    }
}
