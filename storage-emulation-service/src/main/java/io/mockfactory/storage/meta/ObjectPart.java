package io.mockfactory.storage.meta;

/** One part of a completed multipart object, kept for GetObjectAttributes and {@code ?partNumber=} reads. */
public record ObjectPart(int partNumber, long size, String etag, String checksum) {
}
