package devstack.architecture

import spock.lang.Requires
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * The packages depend on each other in one direction only, as jdeps sees the compiled classes: no cycle, so that
 * a layer (the plugin API, the machine) can be split off later without moving code.
 */
class PackageCyclesSpec extends Specification {
    static final Path JDEPS = Path.of(System.getProperty('java.home'), 'bin', 'jdeps')

    @Requires({ Files.isExecutable(PackageCyclesSpec.JDEPS) })
    def "jdeps finds no cycle between the packages of devstack"() {
        given:
        def process = new ProcessBuilder(JDEPS.toString(), '-verbose:package', '-filter:none', 'target/classes')
                .redirectErrorStream(true).start()
        def output = process.inputStream.text
        assert process.exitCode() == 0: output
        Map<String, Set<String>> edges = [:].withDefault { [] as Set }
        output.eachLine { line ->
            def words = line.trim().split(/\s+/)
            if (words.size() >= 3 && words[1] == '->' && words[0].startsWith('devstack')
                    && words[2].startsWith('devstack') && words[0] != words[2]) {
                edges[words[0]] << words[2]
            }
        }

        expect: 'jdeps saw the layers'
        edges['devstack.lifecycle'].contains('devstack.system')

        and:
        cycles(edges) == []
    }

    /** Every cycle found by a depth-first walk, as the packages on it. */
    static List<List<String>> cycles(Map<String, Set<String>> edges) {
        List<List<String>> found = []
        Set<String> done = [] as Set
        List<String> path = []
        Closure visit
        visit = { String node ->
            if (path.contains(node)) {
                found << path.subList(path.indexOf(node), path.size()) + [node]
                return
            }
            if (!done.add(node)) {
                return
            }
            path << node
            edges[node].each { visit(it) }
            path.removeLast()
        }
        new ArrayList<>(edges.keySet()).each { visit(it) }
        found
    }

    def "the cycle finder finds a cycle"() {
        expect:
        cycles([a: ['b'] as Set, b: ['a'] as Set]) == [['a', 'b', 'a']]
        cycles([a: ['b'] as Set, b: ['c'] as Set]) == []
    }
}
