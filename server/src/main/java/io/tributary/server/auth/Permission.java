package io.tributary.server.auth;

/** What a key may do with a table: read its items, change it or its items, or read its stream. */
public enum Permission { READ, WRITE, STREAM }
