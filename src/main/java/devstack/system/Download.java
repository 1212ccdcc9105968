package devstack.system;

import devstack.DevstackException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Fetches a URL into a file, as DevStack's {@code get_extra_file} does with wget: redirects followed, the proxy
 * settings honoured, two tries (one when the server answers 4xx). The file appears whole or not at all: the body goes to a {@code .part} file
 * beside the target, which is renamed into place when complete.
 */
public final class Download {
    private static final int TRIES = 2;

    private final HttpClient client;

    public Download(Proxies proxies) {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .proxy(proxies.selector())
                .build();
    }

    /** Downloads {@code url} to {@code target}; fails with the HTTP status or the network error. */
    public void fetch(URI url, Path target) {
        String problem = null;
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            try {
                problem = tryOnce(url, target);
                if (problem == null) {
                    return;
                }
                if (problem.startsWith("HTTP status 4")) {
                    break; // as wget: the server said no, asking again will not change that
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted";
                break;
            }
        }
        throw new DevstackException(DevstackException.FAILED, url + " could not be downloaded (" + problem + ")",
                "check the URL and the network (http_proxy, https_proxy); or put the file into "
                        + target.getParent() + " yourself");
    }

    /** One try: null when the file is in place, else what went wrong. */
    private String tryOnce(URI url, Path target) throws IOException, InterruptedException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(Duration.ofMinutes(5)).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                return "HTTP status " + response.statusCode();
            }
            Files.copy(body, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return null;
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
