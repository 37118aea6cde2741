package io.tributary.core.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class JsonTextTest {
    @Test
    void finds_every_byte_that_needs_escaping_wherever_it_is() {
        byte[] plain = "abcdefghijklmnopqrstuvwxyz é日".getBytes(StandardCharsets.UTF_8);
        for (int length = 0; length <= plain.length; length++) {
            assertFalse(JsonText.needsEscaping(plain, 0, length), "plain, length " + length);
            for (int at = 0; at < length; at++) {
                for (int b = 0; b < 256; b++) {
                    byte[] s = plain.clone();
                    s[at] = (byte) b;
                    boolean expected = b < 0x20 || b == '"' || b == '\\';
                    assertEquals(expected, JsonText.needsEscaping(s, 0, length), "byte " + b + " at " + at + " of " + length);
                    // the same bytes seen from an offset, so words start elsewhere
                    assertEquals(at >= 1 && expected, JsonText.needsEscaping(s, 1, length - 1),
                            "byte " + b + " at " + at + " of " + length + " from offset 1");
                }
            }
            for (int after = length; after < plain.length; after++) {
                for (byte b : new byte[] {'"', '\\', 0, 0x1f}) {
                    byte[] s = plain.clone();
                    s[after] = b;
                    assertFalse(JsonText.needsEscaping(s, 0, length), "byte " + b + " at " + after + ", after the " + length + " looked at");
                }
            }
        }
    }
}
