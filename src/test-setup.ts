/** Unit-test setup: an in-memory IndexedDB so that Dexie code runs unchanged under Node. */
import 'fake-indexeddb/auto'
