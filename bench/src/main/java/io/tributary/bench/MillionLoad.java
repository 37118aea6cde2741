package io.tributary.bench;

/** A million 200-byte items loaded into a fresh durable Tributary with a stream, and its resident memory afterwards. */
record MillionLoad(long items, long calls, long errors, double seconds, double rssMb) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Loaded %d items (%d BatchWriteItem calls, %d errors) into durable Tributary "
                + "(stream on) in %.1f s; RSS afterwards: %.0f MB.", items, calls, errors, seconds, rssMb);
    }
}
