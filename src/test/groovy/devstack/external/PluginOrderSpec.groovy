package devstack.external

import devstack.config.ConfigurationException
import spock.lang.Specification

/** The plugin order: enable_plugin order, except that a plugin runs after those it requires. */
class PluginOrderSpec extends Specification {
    static List<String> order(List<String> plugins, Map<String, List<String>> requires, Set<String> enabled = null) {
        def requirements = requires.collectMany { plugin, others ->
            others.collect { new PluginOrder.Requirement(plugin, it, "$plugin/devstack/settings.groovy:1") }
        }
        PluginOrder.order(plugins, requirements, enabled ?: plugins.toSet())
    }

    def "#plugins with requirements #requires run as #expected"() {
        expect:
        order(plugins, requires) == expected

        where:
        plugins              | requires                         || expected
        ['a', 'b', 'c']      | [:]                              || ['a', 'b', 'c']
        ['b', 'a']           | [b: ['a']]                       || ['a', 'b']
        ['c', 'b', 'a']      | [c: ['b'], b: ['a']]             || ['a', 'b', 'c']
        ['x', 'b', 'y', 'a'] | [b: ['a']]                       || ['x', 'y', 'a', 'b']
        ['d', 'c', 'b', 'a'] | [d: ['a'], c: ['a']]             || ['b', 'a', 'd', 'c']
        ['a', 'b']           | [b: ['a']]                       || ['a', 'b']
        ['a', 'b']           | [b: ['a', 'a']]                  || ['a', 'b']
    }

    def "a requirement on a plugin that is enabled but not loaded (not cloned, in unstack) is satisfied"() {
        expect:
        order(['b'], [b: ['a']], ['a', 'b'] as Set) == ['b']
    }

    def "a requirement on a plugin that is not enabled names both plugins and where it was declared"() {
        when:
        order(['b', 'c'], [b: ['a'], c: ['z']])

        then:
        ConfigurationException e = thrown()
        e.message == 'plugin b requires plugin a (b/devstack/settings.groovy:1), which is not enabled\n' +
                'plugin c requires plugin z (c/devstack/settings.groovy:1), which is not enabled'
    }

    def "a cycle names the plugins in it, and only those"() {
        when:
        order(['free', 'a', 'b', 'c'], [a: ['b'], b: ['c'], c: ['a']])

        then:
        ConfigurationException e = thrown()
        e.message.startsWith('the plugins a -> b -> c -> a require each other in a cycle: ')
        e.message.contains('c requires a (c/devstack/settings.groovy:1)')
        !e.message.contains('free')
    }

    def "a plugin requiring itself is a cycle of one"() {
        when:
        order(['a'], [a: ['a']])

        then:
        ConfigurationException e = thrown()
        e.message == 'plugin a requires itself: a requires a (a/devstack/settings.groovy:1)'
    }
}
