package io.mockfactory.cli.upload;

import io.mockfactory.cli.output.Output;
import io.mockfactory.cli.output.Table;
import io.mockfactory.client.upload.Upload;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Uploads on stdout: a detail view or a table, or the API's JSON fields. */
final class UploadPrinter {
    private final Output output;

    UploadPrinter(Output output) {
        this.output = output;
    }

    void print(Upload upload) {
        if (output.isJson()) {
            output.json(json(upload));
            return;
        }
        output.table(new Table()
                .row("id", upload.id())
                .row("name", upload.name())
                .row("format", upload.format())
                .row("size", Output.size(upload.sizeBytes()))
                .row("sha256", upload.sha256())
                .row("created", upload.createdAt()));
    }

    void printAll(List<Upload> uploads) {
        if (output.isJson()) {
            output.json(uploads.stream().map(UploadPrinter::json).collect(Collectors.toList()));
            return;
        }
        if (uploads.isEmpty()) {
            output.line("No uploads. Upload a tar, tar.gz or zip with: mockfactory upload create FILE");
            return;
        }
        Table table = new Table("ID", "NAME", "FORMAT", "SIZE", "CREATED");
        uploads.forEach(upload -> table.row(upload.id(), upload.name(), upload.format(), Output.size(upload.sizeBytes()),
                upload.createdAt()));
        output.table(table);
    }

    private static Map<String, Object> json(Upload upload) {
        return Output.fields("id", upload.id(), "name", upload.name(), "format", upload.format(),
                "size_bytes", upload.sizeBytes(), "sha256", upload.sha256(),
                "created_at", upload.createdAt() == null ? null : upload.createdAt().toString());
    }
}
