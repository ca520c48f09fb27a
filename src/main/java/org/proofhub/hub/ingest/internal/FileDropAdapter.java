package org.proofhub.hub.ingest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.proofhub.hub.ingest.ConnectorDefinition;
import org.proofhub.hub.ingest.SourceChange;

/**
 * The {@code file-drop} adapter: a department exports change files (NDJSON or CSV) into a drop
 * directory; the Camel file consumer hands each file here. Every line becomes a source change; a line
 * that cannot be read is quarantined with its reason instead of failing the file. The call returns
 * when all lines are durable, so the file is moved to {@code .done} only after that.
 */
public final class FileDropAdapter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IngestService ingest;

    FileDropAdapter(IngestService ingest) {
        this.ingest = ingest;
    }

    /** Camel bean method for the file-drop connector type. */
    public int ingest(@Body String content, @Header("CamelFileName") String fileName, @Header("hubConnectorId") String connectorId)
            throws InterruptedException, TimeoutException {
        ConnectorDefinition c = ingest.config().connectors().get(connectorId);
        List<SourceChange> changes = "csv".equals(c.property("format")) ? csv(c, content, fileName) : ndjson(c, content, fileName);
        try {
            ingest.acceptAll(changes).get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new IllegalStateException("file " + fileName + " of connector " + connectorId + " was not fully stored; it stays for retry", e.getCause());
        }
        return changes.size();
    }

    List<SourceChange> ndjson(ConnectorDefinition c, String content, String fileName) {
        List<SourceChange> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines(content)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                JsonNode row = node.path("row");
                Map<String, Object> values = row.isObject() ? JSON.convertValue(row, Map.class) : new LinkedHashMap<>();
                String op = node.path(c.property("opField")).asText("U");
                String table = node.path("table").asText(c.property("defaultTable"));
                out.add(change(c, table, values, op, node.path(c.property("positionField")).asText(null),
                        node.path("exported_at").asText(null), fileName, lineNo, line));
            } catch (JsonProcessingException e) {
                out.add(unreadable(c, fileName, lineNo, line, "line " + lineNo + " of " + fileName + " is not JSON: " + e.getOriginalMessage()));
            }
        }
        return out;
    }

    List<SourceChange> csv(ConnectorDefinition c, String content, String fileName) {
        List<SourceChange> out = new ArrayList<>();
        List<String> all = lines(content);
        if (all.isEmpty()) {
            return out;
        }
        List<String> header = Csv.split(all.get(0));
        for (int i = 1; i < all.size(); i++) {
            String line = all.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = Csv.split(line);
            if (cells.size() != header.size()) {
                out.add(unreadable(c, fileName, i + 1, line, "line " + (i + 1) + " of " + fileName + " has " + cells.size()
                        + " cells, the header has " + header.size()));
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int k = 0; k < header.size(); k++) {
                values.put(header.get(k), cells.get(k).isEmpty() ? null : cells.get(k));
            }
            Object op = values.remove(c.property("opField"));
            out.add(change(c, c.property("defaultTable"), values, op == null ? "U" : String.valueOf(op),
                    values.get(c.property("positionField")) == null ? null : String.valueOf(values.get(c.property("positionField"))),
                    null, fileName, i + 1, line));
        }
        return out;
    }

    private SourceChange change(ConnectorDefinition c, String table, Map<String, Object> values, String op, String position,
                                String exportedAt, String fileName, int lineNo, String raw) {
        Object key = values.get(c.property("keyField"));
        if (key == null) {
            return unreadable(c, fileName, lineNo, raw, "line " + lineNo + " of " + fileName + " has no key field " + c.property("keyField"));
        }
        long pos;
        try {
            pos = Long.parseLong(position);
        } catch (NumberFormatException e) {
            return unreadable(c, fileName, lineNo, raw, "line " + lineNo + " of " + fileName + " has no numeric position field " + c.property("positionField"));
        }
        Instant at = Instant.now();
        if (exportedAt != null) {
            try {
                at = Instant.parse(exportedAt);
            } catch (DateTimeParseException ignored) {
                // the export time is informative; the file's arrival time will do
            }
        }
        SourceChange.Operation operation = "D".equalsIgnoreCase(op) ? SourceChange.Operation.DELETE : SourceChange.Operation.UPSERT;
        return new SourceChange(c.id(), table, String.valueOf(key), pos, operation, at, values);
    }

    /** A line the hub cannot read still becomes a change: it has no mapping, so it lands in quarantine with the raw text. */
    private SourceChange unreadable(ConnectorDefinition c, String fileName, int lineNo, String raw, String reason) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("_raw", raw);
        values.put("_reason", reason);
        return new SourceChange(c.id(), IngestService.UNREADABLE + fileName, fileName + ":" + lineNo, 0, SourceChange.Operation.UPSERT, Instant.now(), values);
    }

    private static List<String> lines(String content) {
        try (BufferedReader r = new BufferedReader(new StringReader(content == null ? "" : content))) {
            return r.lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4180 cells: commas, double quotes, doubled quotes inside quotes. */
    static final class Csv {
        private Csv() {
        }

        static List<String> split(String line) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cell.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(ch);
                }
            }
            cells.add(cell.toString());
            return cells;
        }
    }
}
