package io.tributary.server.json;

/**
 * The buffers each thread writes stored items' JSON into, reused from answer to answer, and the rules of
 * lending them out. Items and pages are written on the thread that answers (an event loop), so a thread needs
 * one of each:
 * <ul>
 *   <li>the item buffer holds one item's JSON, from {@link #item} until the thread's next call of it, and is
 *       copied into the answer before then;</li>
 *   <li>the page buffer holds one page: {@link #openPage} starts it as an open array, {@link #closePage} ends
 *       it and lends it out as a {@link PageArray} without copying. The page stays in the buffer until the
 *       thread opens its next page; then the lent page is told ({@link PageArray#bufferReused}): one not yet
 *       written is copied out first, one already written is spent and refuses to be written again rather
 *       than write another page's bytes. So one page at a time per thread, and a page is normally written
 *       before its thread opens another.</li>
 * </ul>
 */
final class ThreadBuffers {
    private static final int ITEM_KEPT_BYTES = 64 << 10;
    /**
     * A page buffer is kept at up to about the largest page's size (1 MB of items, a little more as JSON) so a
     * page does not regrow it from 64 KB; reads run on the event loops, so this is a few MB at most.
     */
    private static final int PAGE_KEPT_BYTES = 2 << 20;
    private static final ThreadLocal<JsonBytes> ITEMS = ThreadLocal.withInitial(JsonBytes::new);
    private static final ThreadLocal<PageBuffer> PAGES = ThreadLocal.withInitial(PageBuffer::new);

    private ThreadBuffers() {}

    /** A thread's page buffer and the page it last lent out. */
    private static final class PageBuffer {
        final JsonBytes json = new JsonBytes();
        PageArray lent;
    }

    /** This thread's item buffer, emptied. */
    static JsonBytes item() {
        return ITEMS.get().clear(ITEM_KEPT_BYTES);
    }

    /** This thread's page buffer, emptied and opened as a JSON array; the page it lent before is told. */
    static JsonBytes openPage() {
        PageBuffer page = PAGES.get();
        if (page.lent != null) {
            page.lent.bufferReused();
            page.lent = null;
        }
        JsonBytes json = page.json.clear(PAGE_KEPT_BYTES);
        json.beginList(0);
        return json;
    }

    /** Closes this thread's open page and lends it out. */
    static PageArray closePage() {
        PageBuffer page = PAGES.get();
        page.json.endList();
        page.lent = new PageArray(page.json.buffer(), page.json.length());
        return page.lent;
    }
}
