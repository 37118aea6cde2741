package io.tributary.server.auth;

import java.util.List;
import java.util.Map;

/**
 * One key of the credentials file: its secret and, per permission, the tables it may touch. A table pattern is a
 * name, {@code *} (every table) or a prefix ending in {@code *}.
 */
public record AccessKey(String id, String secret, Map<Permission, List<String>> tables) {
    public boolean allows(Permission permission, String table) {
        for (String pattern : tables.getOrDefault(permission, List.of())) {
            if (pattern.equals("*") || pattern.equals(table)) return true;
            if (pattern.endsWith("*") && table.startsWith(pattern.substring(0, pattern.length() - 1))) return true;
        }
        return false;
    }
}
