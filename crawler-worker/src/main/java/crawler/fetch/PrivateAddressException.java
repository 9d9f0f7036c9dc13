package crawler.fetch;

import java.net.UnknownHostException;

/**
 * {@code --deny-private} refused a host: it is, or resolves only to, non-public addresses. An
 * {@link UnknownHostException} because that is what OkHttp expects a {@link okhttp3.Dns} to throw;
 * {@link ErrorClassifier} tells it apart as {@link crawler.page.ErrorKind#PRIVATE_ADDRESS}.
 */
public final class PrivateAddressException extends UnknownHostException {

    public PrivateAddressException(String message) {
        super(message);
    }
}
