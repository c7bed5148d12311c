package com.coaching.notifications.gateway.routing;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which replica reads each partition of the event topic, by its advertised URL, as one assignment of the shared
 * group fixed it; null for a partition nobody reads (one being handed over). Travels to every member inside
 * its assignment ({@link OwnersAssignor}).
 *
 * @param owners the owner of partition {@code i} at index {@code i}; the size is the topic's partition count
 */
public record PartitionOwners(List<URI> owners) {

    /** Bumped if the encoding changes, so a member of an older build can tell. */
    private static final byte VERSION = 1;

    public PartitionOwners {
        owners = Collections.unmodifiableList(new ArrayList<>(owners));
    }

    public int partitions() {
        return owners.size();
    }

    /** The owner of {@code partition}, or null if none. */
    public URI ownerOf(int partition) {
        return owners.get(partition);
    }

    public ByteBuffer encode() {
        List<byte[]> urls = new ArrayList<>(owners.size());
        int size = 1 + Integer.BYTES;
        for (URI owner : owners) {
            byte[] url = owner == null ? null : owner.toString().getBytes(StandardCharsets.UTF_8);
            urls.add(url);
            size += Integer.BYTES + (url == null ? 0 : url.length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).put(VERSION).putInt(urls.size());
        for (byte[] url : urls) {
            buffer.putInt(url == null ? -1 : url.length);
            if (url != null) {
                buffer.put(url);
            }
        }
        return buffer.flip();
    }

    /** Reads what {@link #encode} wrote; the buffer's position is left alone. */
    public static PartitionOwners decode(ByteBuffer encoded) {
        ByteBuffer buffer = encoded.duplicate();
        byte version = buffer.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("partition owners of unknown version " + version);
        }
        int partitions = buffer.getInt();
        List<URI> owners = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            int length = buffer.getInt();
            if (length < 0) {
                owners.add(null);
            } else {
                byte[] url = new byte[length];
                buffer.get(url);
                owners.add(URI.create(new String(url, StandardCharsets.UTF_8)));
            }
        }
        return new PartitionOwners(owners);
    }
}
