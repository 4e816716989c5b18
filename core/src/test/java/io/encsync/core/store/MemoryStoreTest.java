package io.encsync.core.store;

/** The store contract against {@link MemoryStore}. */
class MemoryStoreTest extends StoreContractTest {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
