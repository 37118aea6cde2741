package io.tributary.connect.lucene;

import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventJson;
import io.tributary.connect.EventName;
import io.tributary.connect.SequenceNumbers;
import io.tributary.connect.Sink;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
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
    private final Map<String, String> unrefreshed = new ConcurrentHashMap<>();

    public LuceneSink(Path directory, Map<String, FieldKind> kinds) throws IOException {
        // Small segments flushed for a refresh stay in memory until merged or committed: a refresh per batch
        // would otherwise write files for every few changes.
        Directory dir = new NRTCachingDirectory(FSDirectory.open(directory), 16, 64);
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer()).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        this.writer = new IndexWriter(dir, config);
        this.searchers = new SearcherManager(writer, null);
        this.refresher = new ControlledRealTimeReopenThread<>(writer, searchers, 1.0, 0.0);
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

    @Override
    public void apply(List<ChangeEvent> changes) throws IOException, InterruptedException {
        long generation = -1;
        Map<String, String> written = new HashMap<>();
        // One batch at a time decides and writes; each then waits for the refresh that shows it, outside the lock.
        synchronized (this) {
            IndexSearcher searcher = searchers.acquire();
            try {
                for (ChangeEvent change : changes) {
                    String key = change.table() + "\n" + change.keyJson();
                    String applied = unrefreshed.containsKey(key) ? unrefreshed.get(key) : appliedVersion(searcher, key);
                    if (applied != null && SequenceNumbers.compare(applied, change.sequenceNumber()) >= 0) continue;
                    generation = writer.updateDocument(new Term(KEY, key), document(key, change));
                    unrefreshed.put(key, change.sequenceNumber());
                    written.put(key, change.sequenceNumber());
                }
            } finally {
                searchers.release(searcher);
            }
        }
        if (generation < 0) return;
        refresher.waitForGeneration(generation);
        written.forEach(unrefreshed::remove);
    }

    private static String appliedVersion(IndexSearcher searcher, String key) throws IOException {
        TopDocs hit = searcher.search(new TermQuery(new Term(KEY, key)), 1);
        if (hit.scoreDocs.length == 0) return null;
        return searcher.storedFields().document(hit.scoreDocs[0].doc, Set.of(SEQ)).get(SEQ);
    }

    private Document document(String key, ChangeEvent change) {
        Document doc = new Document();
        doc.add(new StringField(KEY, key, Field.Store.YES));
        doc.add(new StringField(TABLE, change.table(), Field.Store.YES));
        doc.add(new StoredField(SEQ, change.sequenceNumber()));
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
        Map<String, String> commitData;
        synchronized (this) {
            commitData = schema.commitData();
        }
        writer.setLiveCommitData(commitData.entrySet());
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
