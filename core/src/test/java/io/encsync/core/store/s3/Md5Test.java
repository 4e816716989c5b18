package io.encsync.core.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.store.ContentSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hash pass of a multipart upload: the whole content's MD5 and each part's, from one reading. */
class Md5Test {
    @Test
    void partDigestsAreTheMd5sOfEachPartSliceAndTheWholeIsTheMd5OfEverything() throws Exception {
        // A part size that is no multiple of the 64 KiB read buffer: part boundaries fall inside reads.
        int partSize = 100_000;
        byte[] data = bytes(2 * partSize + 12_345);
        Md5.Digests d = Md5.ofParts(ContentSource.ofBytes(data), partSize, "s3://b/k");

        assertThat(hex(d.whole())).isEqualTo(Md5.hex(data, 0, data.length));
        assertThat(d.parts()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            int from = i * partSize;
            int to = Math.min(data.length, from + partSize);
            assertThat(hex(d.parts().get(i))).as("part %s", i + 1).isEqualTo(Md5.hex(data, from, to - from));
        }
        assertThat(Md5.of(ContentSource.ofBytes(data), "s3://b/k")).isEqualTo(d.whole());
    }

    @Test
    void contentOfWholePartsHasNoEmptyLastPart() {
        byte[] data = bytes(2 * 70_000);
        List<byte[]> parts = Md5.ofParts(ContentSource.ofBytes(data), 70_000, "s3://b/k").parts();
        assertThat(parts).hasSize(2);
        assertThat(hex(parts.get(1))).isEqualTo(Md5.hex(data, 70_000, 70_000));
    }

    @Test
    void aSourceShorterThanItsLengthIsALocalError() {
        byte[] data = bytes(1000);
        ContentSource shrunk = new ContentSource() {
            @Override
            public long length() {
                return 2000;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(data);
            }
        };
        assertThatThrownBy(() -> Md5.ofParts(shrunk, 512, "s3://b/k"))
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.LOCAL_IO))
                .hasMessageContaining("s3://b/k has 1000 bytes, expected 2000");
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 9));
        }
        return b;
    }

    private static String hex(byte[] md5) {
        return HexFormat.of().formatHex(md5);
    }
}
