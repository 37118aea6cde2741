package io.tributary.connect.lucene;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.connect.EventJson;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.flexible.core.QueryNodeException;
import org.apache.lucene.queryparser.flexible.standard.StandardQueryParser;
import org.apache.lucene.queryparser.flexible.standard.config.PointsConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Searches an index a {@link LuceneSink} wrote, in Lucene's query syntax: bare words search every string
 * attribute, {@code name:alice}, {@code status:active}, {@code age:[30 TO 40]}, {@code AND}, {@code OR}, quotes.
 */
public final class LuceneSearch {
    /** One matching item: its score and the item as plain JSON. */
    public record Hit(float score, JsonNode item) {}

    private LuceneSearch() {}

    public static List<Hit> search(Path directory, String queryText, int limit) throws IOException {
        try (FSDirectory dir = FSDirectory.open(directory); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSchema schema = IndexSchema.read(reader.getIndexCommit().getUserData());
            IndexSearcher searcher = new IndexSearcher(reader);
            List<Hit> hits = new ArrayList<>();
            for (ScoreDoc d : searcher.search(query(schema, queryText), limit).scoreDocs) {
                String source = searcher.storedFields().document(d.doc, Set.of(LuceneSink.SOURCE)).get(LuceneSink.SOURCE);
                hits.add(new Hit(d.score, EventJson.MAPPER.readTree(source)));
            }
            return hits;
        }
    }

    static Query query(IndexSchema schema, String text) {
        Map<String, Analyzer> perField = new HashMap<>();
        schema.keywords.forEach(k -> perField.put(k, new KeywordAnalyzer()));
        StandardQueryParser parser = new StandardQueryParser(new PerFieldAnalyzerWrapper(new StandardAnalyzer(), perField));
        Map<String, PointsConfig> points = new HashMap<>();
        NumberFormat format = NumberFormat.getNumberInstance(Locale.ROOT);
        format.setGroupingUsed(false);
        schema.numbers.forEach(n -> points.put(n, new PointsConfig(format, Double.class)));
        parser.setPointsConfigMap(points);
        parser.setAllowLeadingWildcard(true);
        Query parsed;
        try {
            parsed = parser.parse(text, LuceneSink.ALL);
        } catch (QueryNodeException e) {
            throw new IllegalArgumentException("cannot read the query: " + e.getMessage());
        }
        return new BooleanQuery.Builder()
                .add(parsed, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(LuceneSink.DELETED, "true")), BooleanClause.Occur.MUST_NOT)
                .build();
    }
}
