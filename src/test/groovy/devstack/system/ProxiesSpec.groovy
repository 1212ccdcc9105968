package devstack.system

import spock.lang.Specification

/** The proxy settings passed to package tools, pip and downloads. */
class ProxiesSpec extends Specification {
    def "only the proxies that are set are passed to env"() {
        expect:
        new Proxies('http://p:3128', '', 'localhost,.example.org').envAssignments() ==
                ['http_proxy=http://p:3128', 'no_proxy=localhost,.example.org']
        new Proxies(null, null, null).envAssignments() == []
    }

    def "downloads use the proxy of their scheme unless no_proxy names the host: #url"() {
        given:
        def proxies = new Proxies('http://plain:3128', 'secure:8443', 'localhost, .internal,example.org')

        expect:
        proxies.selector().select(URI.create(url)).first().toString() == expected

        where:
        url                             || expected
        'http://mirror.net/x.img'       || 'HTTP @ plain/<unresolved>:3128'
        'https://mirror.net/x.img'      || 'HTTP @ secure/<unresolved>:8443'
        'http://localhost:8080/x'       || 'DIRECT'
        'http://files.internal/x'       || 'DIRECT'
        'http://example.org/x'          || 'DIRECT'
        'http://www.example.org/x'      || 'DIRECT'
        'http://notexample.org/x'       || 'HTTP @ plain/<unresolved>:3128'
    }
}
