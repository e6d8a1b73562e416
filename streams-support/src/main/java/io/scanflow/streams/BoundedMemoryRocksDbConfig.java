package io.scanflow.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the off-heap memory of every RocksDB store of the JVM: all stores (and every segment of a
 * window store) share one block cache, and their memtables are charged against that same cache.
 */
public class BoundedMemoryRocksDbConfig implements RocksDBConfigSetter {
  /** Block cache, index/filter blocks and memtables of all stores together. */
  public static final long TOTAL_OFF_HEAP_BYTES = 64L * 1024 * 1024;

  /** The part of {@link #TOTAL_OFF_HEAP_BYTES} memtables may use before they are flushed. */
  public static final long TOTAL_MEMTABLE_BYTES = 16L * 1024 * 1024;

  private static final double INDEX_FILTER_BLOCK_RATIO = 0.1;
  private static final long BLOCK_SIZE = 4L * 1024;
  private static final long MEMTABLE_BYTES = 4L * 1024 * 1024;
  private static final int MEMTABLES_PER_STORE = 2;

  // Static on purpose: RocksDB bounds memory only when every store instance uses the same objects.
  private static final Cache CACHE;
  private static final WriteBufferManager WRITE_BUFFER_MANAGER;

  static {
    // Kafka Streams loads the native library when it opens a store, after this class is loaded.
    RocksDB.loadLibrary();
    CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, INDEX_FILTER_BLOCK_RATIO);
    WRITE_BUFFER_MANAGER = new WriteBufferManager(TOTAL_MEMTABLE_BYTES, CACHE);
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    BlockBasedTableConfig tableConfig = (BlockBasedTableConfig) options.tableFormatConfig();
    tableConfig.setBlockCache(CACHE);
    tableConfig.setCacheIndexAndFilterBlocks(true);
    tableConfig.setCacheIndexAndFilterBlocksWithHighPriority(true);
    tableConfig.setPinTopLevelIndexAndFilter(true);
    tableConfig.setBlockSize(BLOCK_SIZE);
    options.setWriteBufferManager(WRITE_BUFFER_MANAGER);
    options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
    options.setWriteBufferSize(MEMTABLE_BYTES);
    options.setTableFormatConfig(tableConfig);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and write buffer manager are shared by every store: they live as long as the JVM.
  }
}
