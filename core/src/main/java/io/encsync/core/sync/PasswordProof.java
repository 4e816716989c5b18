package io.encsync.core.sync;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.EncsyncException;
import io.encsync.core.WrongPasswordException;
import io.encsync.core.cipher.BlockAuthenticationException;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.store.Store;
import io.encsync.core.store.StoreObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Proving the keys before anything is written, where neither a manifest nor encrypted names can:
 * a remote written by rclone with {@code filename_encryption = off}.
 */
final class PasswordProof {
    private PasswordProof() {
    }

    /**
     * Decrypts the first block of up to three non-empty objects. If every one fails there, the
     * password is wrong; if any opens, a failing one is damage, reported when it is transferred.
     *
     * @throws WrongPasswordException when no checked object opens
     */
    static void byContent(Store store, CryptContext ctx, List<RemoteTree.Item> items) {
        int failed = 0;
        String first = null;
        for (RemoteTree.Item item : items) {
            StoreObject o = item.object();
            if (o.size() <= ContentCipher.HEADER_SIZE) {
                continue;
            }
            try (InputStream in = ctx.contentCipher().decryptingStream(
                    store.open(o.key(), 0, ContentCipher.blockOffset(1)), o.key())) {
                in.readAllBytes();
                return;
            } catch (BlockAuthenticationException e) {
                if (e.blockIndex() != 0) {
                    return;
                }
                first = first == null ? item.path().toString() : first;
                if (++failed == 3) {
                    break;
                }
            } catch (IOException | EncsyncException e) {
                // Not a password question; the transfer reports it.
            }
        }
        if (failed > 0) {
            throw new WrongPasswordException("the password or password2 is wrong: the first block of "
                    + Names.quote(first) + (failed > 1 ? " and " + (failed - 1) + " more" : "") + " in "
                    + store.describe() + " does not decrypt");
        }
    }
}
