package io.tributary.connect;

/** What a change did to its item, as DynamoDB Streams names it. */
public enum EventName {
    /** The item did not exist and now does. */
    INSERT,
    /** The item existed and one or more of its attributes changed. */
    MODIFY,
    /** The item existed and was deleted (by a client, or by time to live). */
    REMOVE
}
