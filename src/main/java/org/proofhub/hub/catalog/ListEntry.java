package org.proofhub.hub.catalog;

/**
 * One line of the published list: a proof of a service item and how it is obtained, with the version that says so.
 *
 * @param listVersion the published version the entry was read from (record it with whatever it decided)
 * @param publishedOn the day that version was published
 */
public record ListEntry(String listVersion, java.time.LocalDate publishedOn, ServiceItem item, ServiceItem.Entry entry) {

    public Method method() {
        return entry.method();
    }
}
