package io.tributary.core.storage;

import io.tributary.core.model.AttributeValue;

import java.util.Map;

/**
 * One item's change as its stream record needs it: the keys (and their partition hash, which picks the shard),
 * the item before and after with their sizes, and their stored forms, which the record takes as they are.
 */
record StreamChange(Map<String, AttributeValue> keys, int partitionHash, Map<String, AttributeValue> oldItem, int oldSize,
                    byte[] oldBytes, Map<String, AttributeValue> newItem, int newSize, byte[] newBytes, ChangeOrigin origin) {}
