package io.tributary.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A page's JSON array as lent out of its thread's page buffer, under the rules of {@link ThreadBuffers}: copied
 * out if the buffer is reused before the page is written, refusing to be written again after that if it was.
 * Written by the byte-writing generator, it goes from the buffer straight into the generator's output.
 */
final class PageArray implements JsonSerializable {
    private static final SerializableString NOTHING = new SerializedString("");
    private byte[] json;
    private final int length;
    private boolean written, spent;

    PageArray(byte[] json, int length) {
        this.json = json;
        this.length = length;
    }

    /** Its thread is about to write another page into the buffer this one is in. */
    void bufferReused() {
        if (written) spent = true;
        else json = Arrays.copyOf(json, length);
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        if (spent) throw new IllegalStateException("a page's JSON was written once and its thread has read another page since");
        written = true;
        // Jackson copies a raw value larger than what is left of its buffer into an array of its own
        // (SerializableString.asUnquotedUTF8) before writing it out: a page would be copied twice.
        if (RawJson.takesBytesAsTheyAre(gen) && gen.getOutputTarget() instanceof OutputStream out) {
            gen.writeRawValue(NOTHING);
            gen.flush();
            out.write(json, 0, length);
            return;
        }
        RawJson.copyParsed(gen, json, length);
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer) throws IOException {
        serialize(gen, serializers);
    }
}
