package devstack.config

import spock.lang.Specification

import java.util.function.Consumer
import java.util.function.Function

/** DevStack's service model (reference §3), with names literal as SPEC §3 asks. */
class ServiceSetSpec extends Specification {

    Variables variables = new Variables()
    List<String> warnings = []
    ServiceSet services = new ServiceSet(variables, { String line -> warnings << line } as Consumer<String>)

    /** Sets ENABLED_SERVICES as a plugin or localrc assignment would. */
    void list(String value) {
        variables.set(ServiceSet.ENABLED, value)
    }

    String enabledVariable() {
        variables.getString(ServiceSet.ENABLED)
    }

    String disabledVariable() {
        variables.getString(ServiceSet.DISABLED)
    }

    def "a name matches whole items literally, never as a pattern or a prefix"() {
        given:
        list('n-api,n-cpu,g-api')

        expect:
        services.isEnabled(name) == expected

        where:
        name         || expected
        'n-api'      || true
        'n-cpu'      || true
        'n-a.i'      || false
        'n-.*'       || false
        'n-ap'       || false
        'api'        || false
        'n-api-meta' || false
        'N-API'      || false
        ''           || false
    }

    def "DevStack's fake multi-compute name #name is enabled with #items: #expected"() {
        given:
        list(items)

        expect:
        services.isEnabled(name) == expected

        where:
        name      | items              || expected
        'n-cpu-1' | 'n-api,n-cpu'      || true
        'n-cpu-2' | 'n-cpu'            || true
        'n-cpu-1' | 'n-cpu-2'          || true
        'n-cpu-1' | 'n-api,n-sch'      || false
        'n-cpu-1' | 'xn-cpu'           || false
        'n-cpu1'  | 'n-cpu'            || false
        'n-cpu'   | 'n-cpu-1'          || false
    }

    def "several arguments, or blank-separated names in one argument, mean any of them"() {
        given:
        list('n-cpu,template')

        expect:
        services.isEnabled(names as String[]) == expected

        where:
        names                     || expected
        ['x', 'n-cpu']            || true
        ['x y template']          || true
        ['x  y', 'z']             || false
        ['x', 'y']                || false
        ['n-cpu', 'x']            || true
        []                        || false
    }

    def "a group name is enabled when some item carries its prefix: #group with #items"() {
        given:
        list(items)

        expect:
        services.isEnabled(group) == expected

        where:
        group       | items                  || expected
        'nova'      | 'g-api,n-cpu'          || true
        'nova'      | 'g-api,c-vol'          || false
        'nova'      | 'xn-foo'               || false
        'glance'    | 'g-api'                || true
        'glance'    | 'n-api'                || false
        'neutron'   | 'q-svc'                || true
        'neutron'   | 'neutron-api'          || true
        'neutron'   | 'n-api,ovn-northd'     || false
        'swift'     | 's-proxy'              || true
        'swift'     | 'g-api'                || false
        'cinder'    | 'c-vol'                || true
        'cinder'    | 'n-cpu'                || false
        'keystone'  | 'key'                  || true
        'keystone'  | 'key-foo'              || false
        'keystone'  | 'n-api'                || false
        'placement' | 'placement-api'        || true
        'placement' | 'placement-client'     || true
        'placement' | 'n-api'                || false
        'trove'     | 'tr-api'               || true
        'trove'     | 'g-api'                || false
        'ironic'    | 'ir-api'               || true
        'ironic'    | 'n-api'                || false
        'ceilometer'| 'ceilometer-api'       || false
    }

    def "an item swift enables every s-* service"() {
        given:
        list('n-cpu,swift')

        expect:
        services.isEnabled('s-proxy')
        services.isEnabled('s-object', 's-container')
        services.isEnabled('swift')
        !services.isEnabled('g-api')
    }

    def "a predicate a plugin supplies (is_<name>_enabled) makes its name enabled"() {
        given:
        list('n-cpu')
        List<String> asked = []
        services.usePredicates({ String name ->
            asked << name
            name == 'foo' ? Optional.of(true) : name == 'bar' ? Optional.of(false) : Optional.empty()
        } as Function<String, Optional<Boolean>>)

        expect:
        services.isEnabled('foo')
        !services.isEnabled('bar')
        !services.isEnabled('baz')
        services.isEnabled('x foo')
        'foo' in asked
    }

    def "a predicate that answers false does not hide an item that is in the list"() {
        given:
        list('bar')
        services.usePredicates({ String name -> Optional.of(false) } as Function<String, Optional<Boolean>>)

        expect:
        services.isEnabled('bar')
    }

    def "enable_service appends new names at the end, in argument order"() {
        given:
        list('a,b')

        when:
        services.enable('d', 'c')

        then:
        enabledVariable() == 'a,b,d,c'
        warnings.isEmpty()
    }

    def "enable_service adds a name only once: #names on a,b gives #result"() {
        given:
        list('a,b')

        when:
        services.enable(names as String[])

        then:
        enabledVariable() == result

        where:
        names           || result
        ['a']           || 'a,b'
        ['c c']         || 'a,b,c'
        ['c', 'c']      || 'a,b,c'
        ['b', 'c', 'a'] || 'a,b,c'
    }

    def "enable_service of a group name already covered by an item is a no-op"() {
        given:
        list('n-cpu')

        when:
        services.enable('nova')

        then:
        enabledVariable() == 'n-cpu'
    }

    def "enable_service of a name disabled before warns once per name and keeps it off"() {
        given:
        list('a')
        services.disable('x')

        when:
        services.enable('x', 'y')

        then:
        enabledVariable() == 'a,y'
        !services.isEnabled('x')
        warnings == ['Attempt to enable_service x when it has been disabled']
    }

    def "disable_service removes every item equal to the name and nothing else"() {
        given:
        list('a,a,b,a,ab,a-b')

        when:
        services.disable('a')

        then:
        enabledVariable() == 'b,ab,a-b'
        disabledVariable() == 'a'
    }

    def "disable_service records each name in DISABLED_SERVICES once, even names never enabled"() {
        given:
        list('a,b')

        when:
        services.disable('a')
        services.disable('a', 'zzz')
        services.disable('b a')

        then:
        disabledVariable() == 'a,zzz,b'
        services.disabled() == ['a', 'zzz', 'b']
        enabledVariable() == ''
    }

    def "disable_service of a group name removes no item but is remembered"() {
        given:
        list('n-api,n-cpu')

        when:
        services.disable('nova')

        then:
        enabledVariable() == 'n-api,n-cpu'
        disabledVariable() == 'nova'
    }

    def "disable_all_services empties the list and leaves DISABLED_SERVICES alone"() {
        given:
        list('a,b')
        services.disable('x')

        when:
        services.disableAll()

        then:
        enabledVariable() == ''
        services.enabled().isEmpty()
        !services.isEnabled('a')
        disabledVariable() == 'x'
    }

    def "-name items remove exactly that name: #before gives #after"() {
        given:
        list(before)

        when:
        services.disableNegated()

        then:
        services.enabled().join(',') == after
        disabledVariable() == ''

        where:
        before                              || after
        'n-api,n-api-meta,g-api,-n-api'     || 'n-api-meta,g-api'
        'a,-a'                              || ''
        '-a,a,b'                            || 'b'
        'a,b,a,-b'                          || 'a,a'
        'a,b'                               || 'a,b'
        'ab,-a'                             || 'ab'
    }

    def "a pending -name removes a freshly enabled name"() {
        given:
        list('a,-n-api')

        when:
        services.enable('n-api')

        then:
        enabledVariable() == 'a'
        !services.isEnabled('n-api')
    }

    def "empty items are dropped: #value"() {
        given:
        list(value)

        expect:
        services.enabled() == ['a', 'b']

        where:
        value << [',,a,,,b,', 'a,b', ' a , b ', 'a,,b']
    }

    def "enabling rewrites the list without empty items"() {
        given:
        list(',,a,,,b,')

        when:
        services.enable('c')

        then:
        enabledVariable() == 'a,b,c'
    }

    def "a disabled service put back by assigning ENABLED_SERVICES is detected"() {
        given:
        list('n-cpu,n-api,g-api')
        services.disable('n-api', 'g-api')

        expect:
        services.reenabledByAssignment().isEmpty()

        when:
        list('n-cpu,n-api,n-api,c-api')

        then:
        services.reenabledByAssignment() == ['n-api']
    }

    def "an assignment of ENABLED_SERVICES in the variables is seen at once"() {
        given:
        list('n-cpu')

        expect:
        services.isEnabled('n-cpu')

        when:
        list('g-api')

        then:
        !services.isEnabled('n-cpu')
        services.isEnabled('g-api')
        services.enabled() == ['g-api']

        when:
        services.enable('x')
        variables.set(ServiceSet.DISABLED, 'y')
        services.enable('y')

        then:
        enabledVariable() == 'g-api,x'
        services.disabled() == ['y']
        warnings == ['Attempt to enable_service y when it has been disabled']
    }

    def "an unset ENABLED_SERVICES means nothing is enabled"() {
        expect:
        !variables.isSet(ServiceSet.ENABLED)
        services.enabled().isEmpty()
        !services.isEnabled('n-cpu', 'nova')
    }

    def "disable_service #group switches the group off only where DevStack's predicates do"() {
        given:
        variables.set('ENABLED_SERVICES', enabled)

        when:
        services.disable(group)

        then:
        services.isEnabled(group) == stillEnabled

        where:
        group      | enabled                  | stillEnabled
        'cinder'   | 'c-api,c-vol'            | false
        'keystone' | 'key'                    | false
        'neutron'  | 'neutron-api'            | false
        'neutron'  | 'q-svc,neutron-api'      | true
        'nova'     | 'n-cpu'                  | true
        'glance'   | 'g-api'                  | true
        'swift'    | 's-proxy'                | true
    }
}
