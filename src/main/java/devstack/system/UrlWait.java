package devstack.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntConsumer;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Waits for an HTTP server to answer, as DevStack's {@code wait_for_service} does with curl: a GET without any
 * proxy and without checking the TLS certificate (curl's {@code --noproxy '*' -k}); any HTTP answer counts
 * except 503, which a proxy in front of a service that is not up yet gives.
 */
public final class UrlWait {
    private static final int UNAVAILABLE = 503;

    private final Duration interval;

    /** @param interval the pause between two tries (DevStack: one second) */
    public UrlWait(Duration interval) {
        this.interval = interval;
    }

    /**
     * True as soon as {@code url} answers, false if it has not within {@code timeout}.
     *
     * @param tried receives the status of every try, -1 when nothing answered (for the log)
     */
    public boolean waitFor(URI url, Duration timeout, IntConsumer tried) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return false;
            }
            int status = status(url, left);
            tried.accept(status);
            if (status != -1 && status != UNAVAILABLE) {
                return true;
            }
            Duration pause = Duration.between(Instant.now(), deadline);
            if (pause.compareTo(interval) <= 0) {
                return false;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The HTTP status of one GET, or -1 when the server could not be reached or did not answer in time. */
    static int status(URI url, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
            if (connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(TRUST_ALL);
                https.setHostnameVerifier((host, session) -> true);
            }
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            connection.setUseCaches(false);
            int status = connection.getResponseCode();
            drain(connection);
            return status;
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static void drain(HttpURLConnection connection) {
        try (InputStream body = connection.getErrorStream() != null ? connection.getErrorStream()
                : connection.getInputStream()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The status is what counts; the body may be cut short.
        }
    }

    private static final SSLSocketFactory TRUST_ALL = trustAll();

    private static SSLSocketFactory trustAll() {
        TrustManager[] anyCertificate = {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, anyCertificate, new SecureRandom());
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS support in this Java runtime", e);
        }
    }
}
