package devstack.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The proxy settings DevStack forwards to the tools it runs: {@code http_proxy}, {@code https_proxy} and
 * {@code no_proxy}, read from the run's variables (the environment, then local.conf).
 */
public final class Proxies {
    private static final List<String> NAMES = List.of("http_proxy", "https_proxy", "no_proxy");

    private final String http;
    private final String https;
    private final String noProxy;

    public Proxies(String http, String https, String noProxy) {
        this.http = http == null ? "" : http.trim();
        this.https = https == null ? "" : https.trim();
        this.noProxy = noProxy == null ? "" : noProxy.trim();
    }

    /** The proxies named by the run's variables; {@code lookup} gives '' for an unset name. */
    public static Proxies from(Function<String, String> lookup) {
        return new Proxies(lookup.apply("http_proxy"), lookup.apply("https_proxy"), lookup.apply("no_proxy"));
    }

    /**
     * {@code NAME=value} arguments for {@code env}, as DevStack's {@code sudo_with_proxies} passes them (sudo does
     * not keep the caller's environment); only the ones that are set, so that a log line stays readable.
     */
    public List<String> envAssignments() {
        List<String> assignments = new ArrayList<>();
        List<String> values = List.of(http, https, noProxy);
        for (int i = 0; i < NAMES.size(); i++) {
            if (!values.get(i).isEmpty()) {
                assignments.add(NAMES.get(i) + "=" + values.get(i));
            }
        }
        return assignments;
    }

    /** A proxy selector for Java's HTTP client that follows these settings, as wget and curl would. */
    public ProxySelector selector() {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                String proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
                if (proxy.isEmpty() || bypassed(uri.getHost())) {
                    return List.of(Proxy.NO_PROXY);
                }
                URI address = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
                int port = address.getPort() == -1 ? 80 : address.getPort();
                return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(address.getHost(), port)));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // Nothing to remember: the download reports the failure itself.
            }
        };
    }

    /** no_proxy: '*', or a comma-separated list of host names and domain suffixes (a leading '.' is optional). */
    boolean bypassed(String host) {
        if (host == null) {
            return true;
        }
        String name = host.toLowerCase(Locale.ROOT);
        return Arrays.stream(noProxy.split(","))
                .map(entry -> entry.trim().toLowerCase(Locale.ROOT))
                .filter(entry -> !entry.isEmpty())
                .anyMatch(entry -> entry.equals("*") || name.equals(entry.replaceFirst("^\\.", ""))
                        || name.endsWith(entry.startsWith(".") ? entry : "." + entry));
    }
}
