package io.encsync.core.sync;

import io.encsync.core.store.LocalStore;
import io.encsync.core.store.Store;

/** Every tamper case against a local folder remote (objects manipulated as files on disk would be). */
class LocalStoreTamperTest extends TamperTest {
    @Override
    Store newStore() {
        return LocalStore.open(tmp.resolve("remote"));
    }
}
