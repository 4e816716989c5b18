package io.encsync.core.sync;

import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.manifest.CryptContext;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.store.ContentSource;
import io.encsync.core.store.LocalStore;
import java.nio.file.Path;
import java.time.Instant;

/** For tests outside this package (the CLI's): plants the push lock another push would hold. */
public final class ForeignLocks {
    private ForeignLocks() {
    }

    /** Locks the local remote {@code remote} as a push on {@code host}, process {@code pid}, would. */
    public static void plant(Path remote, String password, String host, long pid, Instant since) {
        try (CryptContext ctx = CryptContext.open(CryptConfig.builder().password(SecretBytes.utf8(password)).build(), 1);
             LocalStore store = LocalStore.open(remote)) {
            byte[] plain = new PushLock.Holder("0123456789abcdef", host, pid, since).encode();
            if (!store.putIfAbsent(PushLock.KEY, ContentSource.ofBytes(PushLock.seal(plain, ctx)), since)) {
                throw new IllegalStateException(remote + " is already locked");
            }
        }
    }
}
