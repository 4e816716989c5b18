package io.encsync.core.artifacts;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * An S3 object's body that, closed before its end, aborts the request instead of draining it.
 * The SDK's HTTP client reads the rest of a closed body to reuse the connection: for a build-page
 * download the browser left after a few bytes, that is up to the whole artifact (the download
 * limit is 1 GiB by default) read from S3 for nothing, while the caller's close waits. Aborting
 * costs one connection.
 */
final class AbortingInputStream extends FilterInputStream {
    private final ResponseInputStream<?> response;
    private boolean ended;

    AbortingInputStream(ResponseInputStream<?> response) {
        super(response);
        this.response = response;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        ended |= b < 0;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        ended |= n < 0;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            response.abort();
        }
        super.close();
    }
}
