package io.tributary.connect.lucene;

import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventJson;
import io.tributary.connect.EventName;
import io.tributary.connect.SequenceNumbers;
import io.tributary.connect.Sink;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.bloom.BloomFilteringPostingsFormat;
import org.apache.lucene.codecs.perfield.PerFieldPostingsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Lucene index on disk that follows the table, near-real-time: once {@code apply} returns, searches see
 * the batch; {@code flush} commits it. INSERT and MODIFY index the new image, REMOVE deletes the item.
 *
 * <p>Each item is one document: {@code _key} (the item's key JSON), {@code _table}, {@code _seq} (the sequence
 * number applied), {@code _source} (the image as plain JSON, what a search returns), {@code _all} (every
 * string, the default field of a query) and one field per attribute, nested maps as dotted paths:
 * strings TEXT, numbers NUMBER, booleans and key attributes KEYWORD, binaries not indexed, unless
 * {@code kinds} says otherwise. A REMOVE leaves a tombstone ({@code _deleted}) holding its sequence number,
 * so a redelivered older change cannot bring the item back.
 */
public final class LuceneSink implements Sink {
    static final String KEY = "_key", TABLE = "_table", SEQ = "_seq", SOURCE = "_source", ALL = "_all", DELETED = "_deleted";

    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Reopens the searcher at once for a batch that waits for it, so batches of all shards share one refresh. */
    private final ControlledRealTimeReopenThread<IndexSearcher> refresher;
    private final Map<String, FieldKind> kinds;
    private final IndexSchema schema;
    /** Versions written but perhaps not yet visible to the searcher. */
    private final Map<String, Pending> unrefreshed = new ConcurrentHashMap<>();

    /** A key's version written at the writer's sequence number {@code generation}, not yet shown by a refresh. */
    private record Pending(String sequenceNumber, long generation) {}

    /** Batches this big (a bootstrap, a replay, a backlog) do not wait for a refresh of their own: the next one shows them. */
    static final int BULK = 1_000;

    public LuceneSink(Path directory, Map<String, FieldKind> kinds) throws IOException {
        // Small segments flushed for a refresh stay in memory until merged or committed: a refresh per batch
        // would otherwise write files for every few changes.
        Directory dir = new NRTCachingDirectory(FSDirectory.open(directory), 16, 64);
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer()).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(new KeyBloomCodec());
        this.writer = new IndexWriter(dir, config);
        this.searchers = new SearcherManager(writer, null);
        this.refresher = new ControlledRealTimeReopenThread<>(writer, searchers, 1.0, 0.0);
        searchers.addListener(new ReferenceManager.RefreshListener() {
            private long shown;

            @Override
            public void beforeRefresh() {
                shown = writer.getMaxCompletedSequenceNumber();
            }

            @Override
            public void afterRefresh(boolean didRefresh) {
                // Conditional per entry: a key written again meanwhile keeps its newer, unshown version.
                long through = shown;
                unrefreshed.values().removeIf(p -> p.generation() <= through);
            }
        });
        refresher.setDaemon(true);
        refresher.setName("lucene-refresh-" + directory.getFileName());
        refresher.start();
        this.kinds = Map.copyOf(kinds);
        this.schema = DirectoryReader.indexExists(dir) ? readSchema(dir) : new IndexSchema();
    }

    private static IndexSchema readSchema(Directory dir) throws IOException {
        try (DirectoryReader r = DirectoryReader.open(dir)) {
            return IndexSchema.read(r.getIndexCommit().getUserData());
        }
    }

    /**
     * Every change looks its key up in every segment, and most segments do not hold it: a Bloom filter on the key
     * field answers those misses without the term dictionary, which was most of a bootstrap's time.
     */
    private static final class KeyBloomCodec extends FilterCodec {
        private final PostingsFormat keys = new BloomFilteringPostingsFormat(PostingsFormat.forName("Lucene912"));
        private final PerFieldPostingsFormat perField = new PerFieldPostingsFormat() {
            @Override
            public PostingsFormat getPostingsFormatForField(String field) {
                return KEY.equals(field) ? keys : delegate.postingsFormat() instanceof PerFieldPostingsFormat p
                        ? p.getPostingsFormatForField(field) : delegate.postingsFormat();
            }
        };

        KeyBloomCodec() {
            super(Codec.getDefault().getName(), Codec.getDefault());
        }

        @Override
        public PostingsFormat postingsFormat() {
            return perField;
        }
    }

    @Override
    public void apply(List<ChangeEvent> changes) throws IOException, InterruptedException {
        long generation = -1;
        // One batch at a time: indexing from several threads made more, smaller segments and was slower on two cores.
        synchronized (this) {
            for (ChangeEvent change : changes) {
                String key = change.table() + "\n" + change.keyJson();
                // A version leaves unrefreshed only once a refresh shows it, so a searcher taken after the miss sees it.
                Pending pending = unrefreshed.get(key);
                String applied = pending != null ? pending.sequenceNumber() : appliedVersion(key);
                if (applied != null && SequenceNumbers.compare(applied, change.sequenceNumber()) >= 0) continue;
                generation = writer.updateDocument(new Term(KEY, key), document(key, change));
                unrefreshed.put(key, new Pending(change.sequenceNumber(), generation));
            }
        }
        // A live change is searchable when apply returns; a bulk batch within the refresher's second, and on flush.
        if (generation >= 0 && changes.size() < BULK) refresher.waitForGeneration(generation);
    }

    /** The sequence number of the key's document, found by its term rather than by a search, which cost more than indexing. */
    private String appliedVersion(String key) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            BytesRef term = new BytesRef(key);
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Terms terms = leaf.reader().terms(KEY);
                if (terms == null) continue;
                TermsEnum e = terms.iterator();
                if (!e.seekExact(term)) continue;
                PostingsEnum docs = e.postings(null, PostingsEnum.NONE);
                Bits live = leaf.reader().getLiveDocs();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    if (live != null && !live.get(doc)) continue;
                    BinaryDocValues seq = leaf.reader().getBinaryDocValues(SEQ);
                    if (seq != null && seq.advanceExact(doc)) return seq.binaryValue().utf8ToString();
                    return leaf.reader().storedFields().document(doc, Set.of(SEQ)).get(SEQ);
                }
            }
            return null;
        } finally {
            searchers.release(searcher);
        }
    }

    private Document document(String key, ChangeEvent change) {
        Document doc = new Document();
        doc.add(new StringField(KEY, key, Field.Store.YES));
        doc.add(new StringField(TABLE, change.table(), Field.Store.YES));
        doc.add(new StoredField(SEQ, change.sequenceNumber()));
        doc.add(new BinaryDocValuesField(SEQ, new BytesRef(change.sequenceNumber())));
        if (change.eventName() == EventName.REMOVE) {
            doc.add(new StringField(DELETED, "true", Field.Store.NO));
            return doc;
        }
        Map<String, Object> image = change.newImage() != null ? change.newImage() : change.keys();
        doc.add(new StoredField(SOURCE, EventJson.item(image, false).toString()));
        image.forEach((name, value) -> index(doc, name, value, change.keys().containsKey(name)));
        return doc;
    }

    private void index(Document doc, String name, Object value, boolean isKey) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> index(doc, name + "." + k, v, false));
            return;
        }
        if (value instanceof Collection<?> c) {
            c.forEach(v -> index(doc, name, v, false));
            return;
        }
        FieldKind kind = kinds.getOrDefault(name, defaultKind(value, isKey));
        if (kind == FieldKind.IGNORE || value == null) return;
        String text = value instanceof BigDecimal n ? n.toPlainString() : value instanceof String s ? s : String.valueOf(value);
        if (value instanceof String) doc.add(new TextField(ALL, text, Field.Store.NO));
        switch (kind) {
            case TEXT -> doc.add(new TextField(name, text, Field.Store.NO));
            case KEYWORD -> {
                doc.add(new StringField(name, text, Field.Store.NO));
                schema.keywords.add(name);
            }
            case NUMBER -> {
                if (value instanceof BigDecimal n) {
                    doc.add(new DoublePoint(name, n.doubleValue()));
                    schema.numbers.add(name);
                }
            }
            case IGNORE -> { }
        }
    }

    private static FieldKind defaultKind(Object value, boolean isKey) {
        if (value instanceof BigDecimal) return FieldKind.NUMBER;
        if (value instanceof java.nio.ByteBuffer) return FieldKind.IGNORE;
        if (isKey || value instanceof Boolean) return FieldKind.KEYWORD;
        return FieldKind.TEXT;
    }

    /** Commits without holding up batches: they go on being written and shown while the commit syncs its files. */
    @Override
    public void flush() throws IOException {
        writer.setLiveCommitData(schema.commitData().entrySet());
        writer.commit();
    }

    @Override
    public void close() throws IOException {
        refresher.close();
        flush();
        searchers.close();
        writer.close();
    }
}
