package org.proofhub.hub.ingest;

/**
 * Work that must be done before connectors start, e.g. creating the demo department databases.
 * All beans of this type run, in order, before the first connector route is installed.
 */
public interface SourcePreparation {
    void prepare();
}
