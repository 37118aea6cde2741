package io.tributary.cli;

import io.tributary.connect.lucene.LuceneSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tributary search DIR QUERY}: the items of a synced index that match, best first, one JSON object a line. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search an index that tributary sync keeps, printing matching items as JSON lines, best first.",
        footer = {"", "Examples:",
                "  tributary search users-index 'alice'",
                "  tributary search users-index 'city:Lisbon AND age:[30 TO 40]' --limit 5",
                "",
                "Bare words search every string attribute; name:word one attribute; keyword attributes match exactly."})
final class SearchCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The index directory (the DIR of --to lucene:DIR).")
    Path directory;

    @Parameters(index = "1", description = "The query, in Lucene's syntax.")
    String query;

    @Option(names = "--limit", description = "Most items to print (default: ${DEFAULT-VALUE}).")
    int limit = 10;

    @Option(names = "--scores", description = "Print each item as {\"score\": S, \"item\": {...}}.")
    boolean scores;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(directory)) {
            spec.commandLine().getErr().println("No index at " + directory);
            return 1;
        }
        try {
            for (LuceneSearch.Hit hit : LuceneSearch.search(directory, query, Math.max(1, limit))) {
                out.println(scores ? "{\"score\":" + hit.score() + ",\"item\":" + hit.item() + "}" : hit.item().toString());
            }
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        out.flush();
        return 0;
    }
}
