package devstack.system

import com.sun.net.httpserver.HttpServer
import spock.lang.Specification

import java.time.Duration
import java.util.concurrent.atomic.AtomicInteger

/** wait_for_service's test against a small HTTP server on 127.0.0.1. */
class UrlWaitSpec extends Specification {
    HttpServer server
    AtomicInteger requests = new AtomicInteger()

    /** Answers 503 to the first {@code unavailable} requests, then {@code status}. */
    private URI serve(int unavailable, int status) {
        server = HttpServer.create(new InetSocketAddress('127.0.0.1', 0), 0)
        server.createContext('/') { exchange ->
            int n = requests.incrementAndGet()
            exchange.sendResponseHeaders(n <= unavailable ? 503 : status, -1)
            exchange.close()
        }
        server.start()
        URI.create("http://127.0.0.1:${server.address.port}/identity/v3/")
    }

    def cleanup() {
        server?.stop(0)
    }

    def "503 means not yet: it polls until something else answers"() {
        given:
        URI url = serve(2, 200)
        List<Integer> seen = []

        expect:
        new UrlWait(Duration.ofMillis(20)).waitFor(url, Duration.ofSeconds(10), { seen << it })
        seen == [503, 503, 200]
    }

    def "any answer but 503 counts, even #status"() {
        expect:
        new UrlWait(Duration.ofMillis(20)).waitFor(serve(0, status), Duration.ofSeconds(5), {})
        requests.get() == 1

        where:
        status << [401, 404, 500, 302]
    }

    def "a server that never comes up gives false once the time is up"() {
        given:
        def socket = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1'))
        int port = socket.localPort
        socket.close()
        long start = System.nanoTime()

        expect:
        !new UrlWait(Duration.ofMillis(50)).waitFor(URI.create("http://127.0.0.1:$port/"), Duration.ofMillis(400), {})
        Duration.ofNanos(System.nanoTime() - start).toMillis() < 3000
    }

    def "a service that stays unavailable gives false too"() {
        expect:
        !new UrlWait(Duration.ofMillis(50)).waitFor(serve(1000, 200), Duration.ofMillis(300), {})
        requests.get() >= 2
    }
}
