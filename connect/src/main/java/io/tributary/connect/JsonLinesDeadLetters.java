package io.tributary.connect;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Failed changes appended to a JSON Lines file, one {@code {"event": {...}, "error": "...", "failedAt": "..."}}
 * a line (the event as {@link EventJson#event} writes it, images typed so nothing is lost), on disk before
 * the checkpoint passes it.
 */
public final class JsonLinesDeadLetters implements OnFailureDestination {
    private final FileChannel file;

    public JsonLinesDeadLetters(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void send(ChangeEvent change, Throwable failure) throws IOException {
        ObjectNode line = EventJson.MAPPER.createObjectNode();
        line.set("event", EventJson.event(change, true));
        line.put("error", String.valueOf(failure));
        line.put("failedAt", Instant.now().toString());
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) file.write(bytes);
        file.force(false);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
